import { Paper, Title } from "@mantine/core";
import { type ReactNode, useId } from "react";

/** A titled section of a page: a <section> named by its h2, so it is also a region to jump to. */
export function Panel({ title, children, maw }: { title: string; children: ReactNode; maw?: number }) {
  const id = useId();
  return (
    <Paper component="section" withBorder p="lg" aria-labelledby={id} maw={maw}>
      <Title order={2} size="h3" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
