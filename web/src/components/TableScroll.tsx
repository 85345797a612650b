import { Table } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * A wide table that scrolls sideways on small screens. The scrolling box takes keyboard focus
 * and has a name, so it can be scrolled without a mouse (WCAG 2.1.1).
 */
export function TableScroll({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Table.ScrollContainer type="native" minWidth={minWidth} className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </Table.ScrollContainer>
  );
}
