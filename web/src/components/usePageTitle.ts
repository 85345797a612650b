import { useEffect } from "react";

/** Give each page its own document title, which is what a screen reader announces first. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} – Stegvis` : "Stegvis";
  }, [title]);
}
