/**
 * English for the Swedish messages the server writes (AppError messages and field messages, the
 * error handler's fixed answers, the things `notFound` names), by their exact Swedish text.
 */
export const enServer: Record<string, string> = {
  // server/app.ts
  "Begäran saknar giltig CSRF-token. Ladda om sidan och försök igen.": "The request has no valid CSRF token. Reload the page and try again.",
  "Du behöver logga in.": "You need to sign in.",
  "Ogiltigt värde": "Invalid value",
  "Några uppgifter behöver rättas.": "Some details need to be corrected.",
  "För många försök på kort tid. Vänta en stund och försök igen.": "Too many attempts in a short time. Wait a while and try again.",
  "Det du skickade är för stort.": "What you sent is too large.",
  "Skicka uppgifterna som JSON.": "Send the details as JSON.",
  "Begäran kunde inte tolkas. Kontrollera uppgifterna och försök igen.": "The request could not be read. Check the details and try again.",
  "Något gick fel hos oss. Försök igen om en stund.": "Something went wrong on our side. Try again in a while.",
  "Adressen finns inte.": "The address does not exist.",
  // server/auth
  "Du behöver aktivera tvåstegsverifiering under Mitt konto innan du kan fortsätta.":
    "You need to turn on two-step verification under My account before you can continue.",
  "Lösenordet måste ha minst 12 tecken.": "The password must have at least 12 characters.",
  "Lösenordet har för få olika tecken. Välj en längre fras med olika ord.":
    "The password has too few different characters. Choose a longer phrase with different words.",
  "Lösenordet består bara av siffror och tecken. Välj en fras med ord.": "The password is only digits and symbols. Choose a phrase with words.",
  "Lösenordet är ett av de vanligaste och gissas lätt. Välj en fras som bara du känner till.":
    "The password is one of the most common and easy to guess. Choose a phrase only you know.",
  "Lösenordet är en följd av tangenter eller siffror och gissas lätt.": "The password is a run of keys or digits and easy to guess.",
  "Lösenordet får inte innehålla din e-postadress.": "The password may not contain your e-mail address.",
  "Lösenordet får inte innehålla ditt namn.": "The password may not contain your name.",
  "Sessionen kunde inte skapas.": "The session could not be created.",
  "Fel e-postadress eller lösenord.": "Wrong e-mail address or password.",
  "Ange koden från din app för tvåstegsverifiering.": "Give the code from your two-step verification app.",
  "Koden stämmer inte. Kontrollera klockan i telefonen och försök igen.": "The code is not right. Check the clock on your phone and try again.",
  "Nuvarande lösenord stämmer inte.": "The current password is not right.",
  "Tvåstegsverifiering är redan på. Stäng av den först om du vill byta app.":
    "Two-step verification is already on. Turn it off first if you want to change app.",
  "Börja med att skapa en ny nyckel.": "Start by creating a new key.",
  "Koden stämmer inte.": "The code is not right.",
  "Koden stämmer inte. Kontrollera att appen visar koden för Stegvis.": "The code is not right. Check that the app shows the code for Stegvis.",
  "Lösenordet stämmer inte.": "The password is not right.",
  "Administratörer måste ha tvåstegsverifiering på.": "Administrators must have two-step verification on.",
  // server/errors.ts
  Posten: "The record",
  "Du har inte behörighet till det här.": "You do not have permission to do this.",
  "Någon annan har ändrat uppgifterna sedan du öppnade dem. Läs in dem igen och gör din ändring på nytt.":
    "Someone else has changed the details since you opened them. Load them again and make your change again.",
  // server/features/activities
  Insatstypen: "The activity type",
  Steget: "The step",
  "Ange varje steg i mallen en gång, i den nya ordningen.": "Give every step of the template once, in the new order.",
  "Ett steg kan inte bockas av med ett datum som inte har kommit än.": "A step cannot be ticked off with a date that has not come yet.",
  "Bara en inloggad användare kan bocka av.": "Only a signed-in user can tick off.",
  Uppföljningen: "The follow-up",
  "En uppföljning kan inte registreras med ett datum som inte har kommit än.": "A follow-up cannot be recorded with a date that has not come yet.",
  "Bara en inloggad användare kan registrera en uppföljning.": "Only a signed-in user can record a follow-up.",
  Insatsen: "The activity",
  Inskrivningen: "The enrolment",
  "Välj en coach eller projektledare i projektet.": "Choose a coach or project manager in the project.",
  "Ange slutdatum för en avslutad eller avbruten insats.": "Give the end date of an ended or interrupted activity.",
  "Ange varför insatsen avbröts.": "Give the reason the activity was interrupted.",
  Uppgiften: "The task",
  "Bara en inloggad användare kan markera en uppgift som klar.": "Only a signed-in user can mark a task as done.",
  "Uppgiften är redan klarmarkerad.": "The task is already marked as done.",
  // server/features/admin
  "Organisationen finns inte.": "The organisation does not exist.",
  "Välj en organisation som finns.": "Choose an organisation that exists.",
  "Det finns redan en enhet med det namnet.": "There is already a unit with that name.",
  "Namnet används redan.": "The name is already in use.",
  // server/features/calendar
  "Kalenderfilen kunde inte skapas.": "The calendar file could not be created.",
  "Prenumerationsadressen finns inte eller har återkallats.": "The subscription address does not exist or has been revoked.",
  "Kalendern är till för coacher och projektledare i ett projekt.": "The calendar is for coaches and project managers in a project.",
  Kalenderprenumerationen: "The calendar subscription",
  // server/features/codes
  "Koden finns redan i listan.": "The code is already in the list.",
  Koden: "The code",
  // server/features/employers
  Arbetsgivaren: "The employer",
  "Välj arbetsgivaren först; arbetsplatsen hör till en arbetsgivare.": "Choose the employer first; the workplace belongs to an employer.",
  "Välj arbetsgivaren först; handledaren hör till en arbetsgivare.": "Choose the employer first; the supervisor belongs to an employer.",
  "Arbetsgivaren finns inte i organisationens arbetsgivarnätverk.": "The employer is not in the organisation's employer network.",
  "Arbetsplatsen hör inte till den valda arbetsgivaren.": "The workplace does not belong to the chosen employer.",
  "Handledaren hör inte till den valda arbetsgivaren.": "The supervisor does not belong to the chosen employer.",
  Arbetsplatsen: "The workplace",
  Kontaktpersonen: "The contact person",
  "Arbetsplatsen hör inte till den här arbetsgivaren. Välj en av arbetsgivarens arbetsplatser.":
    "The workplace does not belong to this employer. Choose one of the employer's workplaces.",
  "Handledarutbildning anges bara för en handledare.": "Supervisor training is given only for a supervisor.",
  "Välj vem som hade kontakten.": "Choose who had the contact.",
  "Kontaktpersonen hör inte till den här arbetsgivaren.": "The contact person does not belong to this employer.",
  Kontakten: "The contact",
  "Välj en annan arbetsgivare än den som behålls.": "Choose another employer than the one that is kept.",
  "Dubbletten finns inte bland organisationens arbetsgivare.": "The duplicate is not among the organisation's employers.",
  "Dubbletten har ändrats sedan du öppnade den. Läs in den igen och försök på nytt.":
    "The duplicate has changed since you opened it. Load it again and try again.",
  // server/features/groups
  Gruppträffen: "The group session",
  "Träffen är inställd; det finns ingen närvaro att registrera.": "The session is cancelled; there is no attendance to record.",
  "Träffen är inställd.": "The session is cancelled.",
  Gruppdeltagaren: "The group participant",
  Gruppen: "The group",
  "Välj ledare bland projektets coacher och projektledare.": "Choose leaders among the project's coaches and project managers.",
  "Välj ett intag i projektet.": "Choose an intake in the project.",
  "Det finns redan en grupp med det namnet i projektet.": "There is already a group with that name in the project.",
  "Beskriv temat med några ord när du väljer Annat.": "Describe the theme in a few words when you choose Other.",
  "Ange gästföreläsarens namn.": "Give the guest lecturer's name.",
  "Sluttiden måste vara efter starttiden.": "The end time must be after the start time.",
  "Träffen har registrerad närvaro och kan inte ställas in. Ta bort närvaron först.":
    "The session has recorded attendance and cannot be cancelled. Remove the attendance first.",
  // server/features/health
  "Databasen svarar inte.": "The database does not answer.",
  // server/features/imports
  "Skicka filerna som ett formulär med filer (multipart/form-data).": "Send the files as a form with files (multipart/form-data).",
  "Filerna kunde inte tas emot. Försök igen.": "The files could not be received. Try again.",
  "Välj minst en fil att importera.": "Choose at least one file to import.",
  Projektet: "The project",
  "Projektet finns inte.": "The project does not exist.",
  // server/features/meetings
  Mötet: "The meeting",
  "Den tiden finns inte det datumet (klockan ställs fram till sommartid). Välj en annan tid.":
    "That time does not exist on that date (the clocks go forward to summer time). Choose another time.",
  "Välj medarbetare som är coach eller projektledare i projektet.": "Choose staff members who are coaches or project managers in the project.",
  "Närvaro kan registreras först när mötet har börjat. Ett möte i framtiden kan bara ställas in.":
    "Attendance can be recorded only once the meeting has begun. A meeting in the future can only be cancelled.",
  // server/features/notes
  Anteckningen: "The note",
  "En signerad anteckning kan inte ändras eller tas bort. Skriv en rättelse i stället.":
    "A signed note cannot be changed or deleted. Write a correction instead.",
  "Bara den som skrev utkastet kan ändra eller signera det.": "Only the person who wrote the draft can change or sign it.",
  "Anteckningar skrivs av en inloggad medarbetare.": "Notes are written by a signed-in staff member.",
  "Bara en signerad anteckning rättas med en ny anteckning. Ett utkast kan du ändra direkt.":
    "Only a signed note is corrected with a new note. A draft you can change directly.",
  // server/features/participants
  Personen: "The person",
  Aktualiseringen: "The referral",
  "Personen finns inte.": "The person does not exist.",
  "Aktualiseringen hör inte till den här personen i projektet.": "The referral does not belong to this person in the project.",
  "Aktualiseringen är inte beviljad. Fatta beslut om den först.": "The referral is not accepted. Decide on it first.",
  "Personen är redan inskriven från den här aktualiseringen.": "The person is already enrolled from this referral.",
  "En ny deltagare skrivs in från en beviljad aktualisering.": "A new participant is enrolled from an accepted referral.",
  "Välj initierande part.": "Choose the referring party.",
  "Ange planerad tid i månader.": "Give the planned time in months.",
  "Huvudsaklig inkomst ska vara en av de angivna inkomstkällorna.": "The main income must be one of the sources of income given.",
  "Välj ett team i projektet.": "Choose a team in the project.",
  "Startdatum kan inte vara efter avslutsdatum.": "The start date cannot be after the exit date.",
  "Ange varför inskrivningen inte ska räknas i statistiken.": "Give the reason the enrolment should not count in the statistics.",
  "Inskrivningen är avslutad och kan inte förlängas.": "The enrolment has ended and cannot be extended.",
  "Beslutet kan inte vara före inskrivningens start.": "The decision cannot be before the enrolment's start.",
  "Uppehållet kan inte börja före inskrivningens start.": "The pause cannot begin before the enrolment's start.",
  "Uppehållet kan inte sluta efter avslutsdatum.": "The pause cannot end after the exit date.",
  "Inskrivningen är redan avslutad.": "The enrolment has already ended.",
  "Avslutsdatum kan inte vara före ett registrerat uppehåll.": "The exit date cannot be before a recorded pause.",
  Samtycket: "The consent",
  "Samtycket är redan återkallat.": "The consent is already withdrawn.",
  "Återkallelsen kan inte vara före datumet då samtycket gavs.": "The withdrawal cannot be before the date the consent was given.",
  "Personnumret är inte giltigt. Kontrollera siffrorna (ÅÅÅÅMMDD-NNNN); kontrollsiffran stämmer inte.":
    "The personal identity number is not valid. Check the digits (YYYYMMDD-NNNN); the check digit is not right.",
  Intaget: "The intake",
  "Det finns redan ett intag med det namnet.": "There is already an intake with that name.",
  "Namnet används redan i projektet.": "The name is already in use in the project.",
  "Födelsedatumet stämmer inte med personnumret.": "The date of birth does not match the personal identity number.",
  "Födelsedatumet ligger i framtiden.": "The date of birth is in the future.",
  "Det finns redan en person med det personnumret. Välj den befintliga personen i stället.":
    "There is already a person with that personal identity number. Choose the existing person instead.",
  "Personnumret finns redan registrerat.": "The personal identity number is already recorded.",
  "En annan person har redan det personnumret.": "Another person already has that personal identity number.",
  "Någon annan har ändrat personuppgifterna sedan du öppnade dem. Se de aktuella uppgifterna och gör din ändring igen.":
    "Someone else has changed the personal details since you opened them. See the current details and make your change again.",
  "Välj en person som finns.": "Choose a person who exists.",
  "Personen har redan en aktualisering som väntar på beslut i projektet.": "The person already has a referral waiting for a decision in the project.",
  "Personen är redan inskriven från den här aktualiseringen; beslutet kan inte ändras.":
    "The person is already enrolled from this referral; the decision cannot be changed.",
  "Beslutet kan inte vara före aktualiseringsdatumet.": "The decision cannot be before the referral date.",
  "Personen är utanför projektets målgrupp. Bara en projektledare kan bevilja med ett skriftligt skäl.":
    "The person is outside the project's target group. Only a project manager can accept, with a written reason.",
  "Skriv varför personen beviljas trots att hen är utanför målgruppen.": "Write why the person is accepted although they are outside the target group.",
  // server/features/plan
  "Samma mål finns två gånger i planen.": "The same goal is in the plan twice.",
  "Uppgiften hör inte till deltagaren eller är redan klar.": "The task does not belong to the participant or is already done.",
  Planen: "The plan",
  // server/features/projects
  "Kortformen används redan av ett annat projekt.": "The short name is already used by another project.",
  "Kortformen används redan. Välj en annan.": "The short name is already in use. Choose another.",
  "Enheten finns inte.": "The unit does not exist.",
  "Välj en enhet som finns.": "Choose a unit that exists.",
  "Det finns redan ett team med det namnet i projektet.": "There is already a team with that name in the project.",
  // server/features/ratings
  Enkäten: "The questionnaire",
  "Någon av de valda deltagarna finns inte i projektet.": "One of the chosen participants is not in the project.",
  "Enkäten har ingen sådan fråga.": "The questionnaire has no such question.",
  Utskicket: "The round",
  "Utskicket till deltagaren": "The round to the participant",
  "Svaren finns redan. Läs in dem och rätta dem i stället.": "The answers already exist. Load them and correct them instead.",
  Självvärderingen: "The self-evaluation",
  "Skalan har ingen sådan del.": "The scale has no such item.",
  "Okänd skattningsskala.": "Unknown rating scale.",
  Organisationen: "The organisation",
  Skattningen: "The rating",
  "Dagen har ingen sådan skalfråga.": "The day has no such scale question.",
  // server/features/reports
  "Inskrivningen är inte avslutad, så det finns ingen avslutningsblankett. Registrera avslutet först.":
    "The enrolment has not ended, so there is no exit form. Record the exit first.",
  "Avslutsdatum saknas: inskrivningen är inte avslutad.": "The exit date is missing: the enrolment has not ended.",
  "Deltagaren har inget gällande samtycke till registrering i SUS, så DIS-blanketten skrivs inte ut. Registrera samtycket under Samtycken om deltagaren ger det.":
    "The participant has no valid consent to registration in SUS, so the DIS form is not printed. Record the consent under Consents if the participant gives it.",
  "Inskrivningen är markerad att inte räknas i statistiken, så den registreras inte i SUS och har ingen DIS-blankett.":
    "The enrolment is marked not to count in the statistics, so it is not registered in SUS and has no DIS form.",
  "Inskrivningen har inget slutligt avslut att följa upp.": "The enrolment has no final exit to follow up.",
  "Uppföljningen kan inte vara före avslutet.": "The follow-up cannot be before the exit.",
  "Uppföljningen kan inte vara gjord senare än i dag.": "The follow-up cannot be done later than today.",
  "Okänd status i projektets kodlista.": "Unknown status in the project's code list.",
  "Uppföljningen vid den tidpunkten är redan registrerad.": "The follow-up at that point is already recorded.",
  "Intaget hör inte till projektet.": "The intake does not belong to the project.",
  "Teamet hör inte till projektet.": "The team does not belong to the project.",
  "Avsnittet finns inte.": "The section does not exist.",
  // server/features/users
  Användaren: "The user",
  "Det finns redan en användare med den e-postadressen.": "There is already a user with that e-mail address.",
  "E-postadressen används redan.": "The e-mail address is already in use.",
  "Du kan inte ta bort din egen administratörsroll eller inaktivera dig själv.": "You cannot remove your own administrator role or deactivate yourself.",
  "Be en annan administratör göra det.": "Ask another administrator to do it.",
  "Någon annan har ändrat användaren sedan du öppnade den. Se de aktuella uppgifterna och gör din ändring igen.":
    "Someone else has changed the user since you opened it. See the current details and make your change again.",
  "Välj ett projekt som finns.": "Choose a project that exists.",
  Behörigheten: "The permission",
  // server/features/participants/corrections
  Uppehållet: "The pause",
  Förlängningen: "The extension",
  "Inskrivningen har inget avslut att rätta.": "The enrolment has no exit to correct.",
  "Det finns registrerade uppföljningar efter avslutet, så avslutet kan inte tas bort. Rätta avslutet i stället.":
    "Follow-ups are recorded after the exit, so the exit cannot be removed. Correct the exit instead.",
  "Samma ändamål och mottagare har redan ett gällande samtycke.": "The same purpose and receiving party already have a consent in force.",
  "Samma ändamål och mottagare finns redan i listan.": "The same purpose and receiving party are already in the list.",
  "Återkallelsen kan inte ha ett datum i framtiden. Ange dagens datum eller ett tidigare.":
    "The withdrawal cannot be dated in the future. Give today's date or an earlier one.",
  "Aktualiseringen är redan beslutad. Datum, initierande part, kommundel, inkomst och målgruppsnotering kan bara rättas före beslutet; ändra beslutet till Ej beslutad först om de behöver rättas.":
    "The referral has already been decided. The date, referring party, district, income and target-group note can only be corrected before the decision; change the decision back to Not decided first if they need correcting.",
  // server/features/activities/checklists (not applicable), employers/placement
  "Ett steg som inte gäller markeras med done: true.": "A step that does not apply is marked with done: true.",
  "Välj arbetsgivaren först; branschen väljs bland arbetsgivarens branscher.": "Choose the employer first; the trade is chosen among the employer's trades.",
  // server/features/ratings
  Skattningsskalan: "The rating scale",
  "Det finns redan en skala med den koden.": "There is already a scale with that code.",
  "Lägsta värdet måste vara mindre än högsta.": "The lowest value must be less than the highest.",
  "Gruppen finns inte i projektet.": "The group is not in the project.",
  "Gruppen har inga deltagare i dag.": "The group has no participants today.",
  "Högst 500 mottagare.": "At most 500 recipients.",
  "Gruppträffen finns inte i deltagarens projekt.": "The group session is not in the participant's project.",
  "Gruppträffen är inställd.": "The group session is cancelled.",
  "Personen är inte deltagare i gruppen den dag träffen hölls.": "The person was not a member of the group on the day of the session.",
  "Personen är registrerad som frånvarande vid träffen och kan inte ha skattat den.":
    "The person is registered as absent from the session and cannot have rated it.",
  "Samtalet hör inte till deltagaren.": "The meeting does not belong to the participant.",
  "Bara en gruppträff eller ett samtal kan anges.": "Only one group session or one meeting can be given.",
};
