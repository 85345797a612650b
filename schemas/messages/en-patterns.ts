/**
 * English for messages built with template literals. `sv` is the Swedish template as the source
 * writes it, each `${…}` written `{}`; it becomes a regular expression with one group per hole
 * unless `match` is given. In `en`, `{0}` puts back the first hole as it came and `{0*}` puts it
 * back translated (a word such as "minuter", or a nested message such as
 * "Version 3 av kartläggningen").
 */
export interface MessagePattern {
  sv: string;
  en: string | ((parts: string[]) => string);
  match?: RegExp;
}

export interface EnglishCatalogue {
  /** Swedish message → English. */
  exact: Record<string, string>;
  patterns: MessagePattern[];
}

const plural = (n: string, one: string, many: string) => (n === "1" ? one : many);

export const patterns: MessagePattern[] = [
  // schemas
  { sv: "Högst {} tecken", en: "At most {0} characters" },
  { sv: "Välj format {}", en: "Choose the format {0}" },

  // sign-in
  {
    sv: "För många misslyckade inloggningar. Försök igen om {} {}.",
    en: (p) => `Too many failed sign-ins. Try again in ${p[0]} ${plural(p[0] ?? "", "minute", "minutes")}.`,
  },
  { sv: "För många misslyckade inloggningar. Inloggningen är spärrad i {} minuter.", en: "Too many failed sign-ins. Signing in is locked for {0} minutes." },

  // not found: the thing is itself a message ("Projektet", "Version 3 av kartläggningen")
  { sv: "{} finns inte, eller så saknar du behörighet att se den.", en: "{0*} does not exist, or you do not have permission to see it." },
  { sv: "Version {} av kartläggningen", en: "Version {0} of the mapping" },
  { sv: "Revision {} av planen", en: "Revision {0} of the plan" },

  // activities
  { sv: "Insatstypen ”{}” finns inte i projektets kodlista.", en: "The activity type “{0}” is not in the project's code list." },
  { sv: "Uppföljningen kan inte vara före insatsens start ({}).", en: "The follow-up cannot be before the activity's start ({0})." },
  {
    sv: "Det finns redan ett gällande samtycke för samma ändamål till {}. Återkalla det först om ett nytt samtycke ska ersätta det.",
    en: "There is already a consent in force for the same purpose to {0}. Withdraw it first if a new consent is to replace it.",
  },
  {
    sv: "Ett uppehåll börjar {}, före det nya startdatumet. Rätta eller ta bort uppehållet först.",
    en: "A pause begins {0}, before the new start date. Correct or remove the pause first.",
  },
  { sv: "Aktualiseringen kan inte vara efter beslutet ({}).", en: "The referral cannot be after the decision ({0})." },
  { sv: "Välj en av arbetsgivarens branscher: {}.", en: "Choose one of the employer's trades: {0}." },
  {
    sv: "Skalan har {} skattningar; frågorna kan inte läggas till, tas bort eller flyttas.",
    en: "The scale has {0} ratings; its items cannot be added, removed or moved.",
  },
  { sv: "Skalan har {} skattningar; frågornas skala kan inte ändras.", en: "The scale has {0} ratings; the items' scale cannot be changed." },
  { sv: "Enkäten har svar; frågorna {} måste finnas kvar.", en: "The questionnaire has answers; the questions {0} must remain." },
  { sv: "Enkäten har svar; frågetypen för ”{}” kan inte ändras.", en: "The questionnaire has answers; the type of “{0}” cannot be changed." },
  { sv: "Datumet ska vara gruppträffens datum ({}).", en: "The date must be the group session's date ({0})." },
  {
    sv: "Projektet följer upp efter {} månader; välj en av dem.",
    en: (p) => `The project follows up after ${(p[0] ?? "").replace(" och ", " and ")} months; choose one of them.`,
  },
  {
    sv: "Insatstypen ”{}” har uppgifter av slaget {}.",
    en: (p) => `The activity type “${p[0]}” takes details of the kind ${(p[1] ?? "").replaceAll(" eller ", " or ")}.`,
  },
  { sv: "Insatsen kan inte börja före inskrivningens start ({}).", en: "The activity cannot start before the enrolment's start ({0})." },
  { sv: "Insatsen kan inte börja efter avslutsdatum ({}).", en: "The activity cannot start after the exit date ({0})." },
  { sv: "Slutdatum kan inte vara före startdatum ({}).", en: "The end date cannot be before the start date ({0})." },
  { sv: "Inskrivningen avslutades {}; ange ett slutdatum senast då.", en: "The enrolment ended on {0}; give an end date no later than that." },

  // code lists
  { sv: "”{}” finns inte i projektets kodlista.", en: "“{0}” is not in the project's code list." },
  { sv: "”{}” är inte längre i bruk. Välj en annan.", en: "“{0}” is no longer in use. Choose another." },
  { sv: "Välj en av: {}", en: "Choose one of: {0}" },

  // employers
  {
    sv: "Organisationsnumret {} finns redan, hos {}. Öppna den arbetsgivaren i stället, eller slå ihop dubbletterna.",
    en: "The organisation number {0} already exists, at {1}. Open that employer instead, or merge the duplicates.",
  },
  { sv: "Finns redan hos {}", en: "Already exists at {0}" },

  // imports
  {
    sv: "”{}” är inte en fil som kan importeras. Ladda upp en Excel-arbetsbok (.xlsx), CSV-filer (.csv) eller en zip-fil.",
    en: "“{0}” is not a file that can be imported. Upload an Excel workbook (.xlsx), CSV files (.csv) or a zip file.",
  },
  {
    sv: "Filen är för stor. Varje fil får vara högst {} MB; dela upp den eller skicka en zip-fil.",
    en: "The file is too large. Each file may be at most {0} MB; split it or send a zip file.",
  },
  { sv: "Högst {} filer åt gången.", en: "At most {0} files at a time." },
  {
    sv: "Inget importerades: {} {} rättas först.",
    en: (p) => `Nothing was imported: ${p[0]} ${plural(p[0] ?? "", "problem needs", "problems need")} to be fixed first.`,
  },

  // meetings
  { sv: "Mötet kan inte vara före inskrivningens start ({}).", en: "The meeting cannot be before the enrolment's start ({0})." },
  { sv: "Inskrivningen avslutades {}; mötet kan inte vara senare.", en: "The enrolment ended on {0}; the meeting cannot be later." },

  // enrolments
  {
    sv: "Personen är redan inskriven i projektet från {}{}. Avsluta den inskrivningen först.",
    match: /^Personen är redan inskriven i projektet från (.+?)(?: till (.+?)|( och är inte utskriven))\. Avsluta den inskrivningen först\.$/s,
    en: (p) => `The person is already enrolled in the project from ${p[0]}${p[1] ? ` to ${p[1]}` : " and has not exited"}. End that enrolment first.`,
  },
  { sv: "Nytt planerat slut måste vara efter nuvarande ({}).", en: "The new planned end must be after the current one ({0})." },
  { sv: "Uppehållet överlappar ett annat uppehåll ({}–{}).", en: "The pause overlaps another pause ({0}–{1})." },
  { sv: "Avslutsdatum kan inte vara före startdatum ({}).", en: "The exit date cannot be before the start date ({0})." },

  // questionnaires and rating scales
  { sv: "Svara på {} med ett tal.", en: "Answer {0} with a number." },
  { sv: "Svaret på {} ska vara mellan {} och {}.", en: "The answer to {0} must be between {1} and {2}." },
  { sv: "Svaret på {} ska vara ett heltal.", en: "The answer to {0} must be a whole number." },
  { sv: "Svara ja eller nej på {}.", en: "Answer yes or no to {0}." },
  { sv: "Välj ett av svarsalternativen för {}.", en: "Choose one of the options for {0}." },
  { sv: "Svara på {} med text.", en: "Answer {0} with text." },
  { sv: "Ange ett värde för ”{}”.", en: "Give a value for “{0}”." },
  { sv: "”{}” ska vara mellan {}.", en: "“{0}” must be between {1}." },
  { sv: "”{}” ska vara ett heltal.", en: "“{0}” must be a whole number." },
  {
    sv: "”{}” får ha högst {} decimal{}.",
    en: (p) => `“${p[0]}” may have at most ${p[1]} ${plural(p[1] ?? "", "decimal", "decimals")}.`,
  },
  { sv: "Ange ett värde 0–10 för ”{}”.", en: "Give a value 0–10 for “{0}”." },
  { sv: "”{}” ska vara ett heltal 0–10.", en: "“{0}” must be a whole number 0–10." },
];
