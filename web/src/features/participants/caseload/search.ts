/** The caseload's filters as they stand in the address. None of them is personal data. */
export interface CaseloadSearch {
  mine?: true;
  intake?: string;
  status?: string;
  coach?: string;
  party?: string;
  ending?: number;
  page?: number;
}
