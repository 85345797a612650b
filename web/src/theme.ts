import { type CSSVariablesResolver, createTheme, type MantineColorsTuple } from "@mantine/core";

// Mantine's default palettes are too light for white text on shade 6 and for coloured text on
// light backgrounds. These palettes keep shade 7 (the one Mantine uses for filled buttons, links,
// badges and alert text below) at a contrast of at least 5.5:1 against white and against the
// tinted "light" background, so WCAG 2.1 AA holds wherever a colour is used.
const stegvis: MantineColorsTuple = ["#e6f3f8", "#cce5f0", "#99cbe1", "#66b0d2", "#3396c3", "#1a84b6", "#0c72a3", "#0a5f88", "#084e70", "#063c57"];
const red: MantineColorsTuple = ["#fdecec", "#f9d0d0", "#f2a3a3", "#ea7575", "#e04f4f", "#d33434", "#c22626", "#a61e1e", "#8a1818", "#6d1212"];
const green: MantineColorsTuple = ["#e9f6ec", "#cfead6", "#a2d6ae", "#72c085", "#4aab62", "#2f954a", "#237f3c", "#1b6a31", "#145527", "#0e401d"];
const orange: MantineColorsTuple = ["#fff1e5", "#ffdcbf", "#fbbd8a", "#f59b52", "#ec7f26", "#d96b12", "#b9590c", "#994708", "#7a3906", "#5c2b04"];

export const theme = createTheme({
  primaryColor: "stegvis",
  primaryShade: 7,
  colors: { stegvis, red, green, orange },
  defaultRadius: "sm",
  focusRing: "auto",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  headings: { fontWeight: "650" },
  // Fields are required unless their description says they are optional (as GOV.UK and many
  // Swedish public services do), so no asterisks: a label reads exactly as its text, for people
  // and for tests that find fields by label. `required` still tells assistive technology.
  // Set on the shared wrapper by name, so the theme does not pull every input into the bundle.
  components: {
    InputWrapper: { defaultProps: { withAsterisk: false } },
  },
});

// Dimmed text and error text are gray-6 and red-6 by default, which fall below 4.5:1.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-7)",
    "--mantine-color-placeholder": "var(--mantine-color-gray-6)",
  },
  dark: {},
});
