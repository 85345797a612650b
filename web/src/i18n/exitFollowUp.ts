import en from "./en.exitFollowUp.json";
import { i18n } from "./index.ts";
import sv from "./sv.exitFollowUp.json";

// The follow-up page and the follow-up part of the participant's record bring their own words.
// Both files must have the same keys, as the main ones.
const enHasAllKeys: typeof sv = en;
const svHasAllKeys: typeof en = sv;

i18n.addResourceBundle("sv", "translation", svHasAllKeys, true, false);
i18n.addResourceBundle("en", "translation", enHasAllKeys, true, false);
