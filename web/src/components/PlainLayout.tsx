import { Box, Container, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { LanguageSelect } from "./LanguageSelect.tsx";
import { MAIN_ID, SkipLink } from "./SkipLink.tsx";

/** The layout for pages shown without a session: login, and errors before we know who you are. */
export function PlainLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <Box component="header" px="md" py="sm" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700} fz="xl" c="stegvis.8">
            Stegvis
          </Text>
          <LanguageSelect signedIn={false} className="inline-field" />
        </Group>
      </Box>
      <Container component="main" id={MAIN_ID} tabIndex={-1} size={460} py="xl">
        {children}
      </Container>
    </>
  );
}
