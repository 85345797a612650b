import { ErrorBody } from "../../../../schemas/common.ts";
import { ImportOutcome } from "../../../../schemas/imports.ts";
import { ApiError } from "../../api.ts";
import { i18n } from "../../i18n/index.ts";

/**
 * Send the files as multipart/form-data and read the outcome. XMLHttpRequest rather than fetch,
 * because only it reports upload progress. A refused import (400) still carries the outcome,
 * with every problem, in `error.current`.
 */
export function uploadForImport(
  projectId: string,
  files: File[],
  { apply, csrfToken, onProgress }: { apply: boolean; csrfToken: string; onProgress: (percent: number) => void },
): Promise<ImportOutcome> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const f of files) form.append("files", f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/projects/${encodeURIComponent(projectId)}/imports${apply ? "" : "/preview"}`);
    xhr.setRequestHeader("x-csrf-token", csrfToken);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, "internal", i18n.t("errors.network")));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(new ApiError(xhr.status, "internal", i18n.t("errors.badResponse")));
        return;
      }
      const ok = ImportOutcome.safeParse(body);
      if (xhr.status < 300 && ok.success) return resolve(ok.data);
      const err = ErrorBody.safeParse(body);
      if (err.success) {
        const inner = ImportOutcome.safeParse(err.data.error.current);
        if (inner.success) return resolve(inner.data);
        const { code, message, fields } = err.data.error;
        return reject(new ApiError(xhr.status, code, fields?.file ?? message, fields ?? {}));
      }
      reject(new ApiError(xhr.status, "internal", i18n.t("errors.badResponse")));
    };
    xhr.send(form);
  });
}
