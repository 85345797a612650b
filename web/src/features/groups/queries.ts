import { queryOptions } from "@tanstack/react-query";
import {
  type AddMemberInput,
  AttendanceRegister,
  type CreateGroupInput,
  type CreateSessionInput,
  Group,
  GroupList,
  GroupMember,
  GroupSession,
  GroupStatistics,
  MemberCandidates,
  ParticipantGroups,
  PatternPreview,
  type RegenerateInput,
  RegenerateResult,
  type SaveAttendanceInput,
  type SessionPatternInput,
  type UpdateGroupInput,
  type UpdateMemberInput,
  type UpdateSessionInput,
} from "../../../../schemas/groups.ts";
import { apiGet, apiSend, apiSendNoContent, seg } from "../../api.ts";

export const groupsQuery = (projectId: string) =>
  queryOptions({ queryKey: ["projects", projectId, "groups"], queryFn: () => apiGet(`/projects/${seg(projectId)}/groups`, GroupList) });

export const groupQuery = (groupId: string) => queryOptions({ queryKey: ["groups", groupId], queryFn: () => apiGet(`/groups/${seg(groupId)}`, Group) });

export const candidatesQuery = (groupId: string) =>
  queryOptions({ queryKey: ["groups", groupId, "candidates"], queryFn: () => apiGet(`/groups/${seg(groupId)}/candidates`, MemberCandidates) });

export const attendanceQuery = (sessionId: string) =>
  queryOptions({
    queryKey: ["group-sessions", sessionId, "attendance"],
    queryFn: () => apiGet(`/group-sessions/${seg(sessionId)}/attendance`, AttendanceRegister),
  });

export const statisticsQuery = (groupId: string) =>
  queryOptions({ queryKey: ["groups", groupId, "statistics"], queryFn: () => apiGet(`/groups/${seg(groupId)}/statistics`, GroupStatistics) });

export const participantGroupsQuery = (enrolmentId: string) =>
  queryOptions({ queryKey: ["enrolments", enrolmentId, "groups"], queryFn: () => apiGet(`/group-participation/${seg(enrolmentId)}`, ParticipantGroups) });

export const previewPattern = (projectId: string, pattern: SessionPatternInput) =>
  apiSend("POST", `/projects/${seg(projectId)}/groups/preview`, { pattern }, PatternPreview);
export const createGroup = (projectId: string, input: CreateGroupInput) => apiSend("POST", `/projects/${seg(projectId)}/groups`, input, Group);
export const updateGroup = (groupId: string, input: UpdateGroupInput) => apiSend("PATCH", `/groups/${seg(groupId)}`, input, Group);
export const regenerate = (groupId: string, input: RegenerateInput) => apiSend("PUT", `/groups/${seg(groupId)}/pattern`, input, RegenerateResult);
export const createSession = (groupId: string, input: CreateSessionInput) => apiSend("POST", `/groups/${seg(groupId)}/sessions`, input, GroupSession);
export const updateSession = (sessionId: string, input: UpdateSessionInput) => apiSend("PATCH", `/group-sessions/${seg(sessionId)}`, input, GroupSession);
export const addMember = (groupId: string, input: AddMemberInput) => apiSend("POST", `/groups/${seg(groupId)}/members`, input, GroupMember);
export const updateMember = (memberId: string, input: UpdateMemberInput) => apiSend("PATCH", `/group-members/${seg(memberId)}`, input, GroupMember);
export const removeMember = (memberId: string) => apiSendNoContent("DELETE", `/group-members/${seg(memberId)}`);
export const saveAttendance = (sessionId: string, input: SaveAttendanceInput) =>
  apiSend("PUT", `/group-sessions/${seg(sessionId)}/attendance`, input, AttendanceRegister);
