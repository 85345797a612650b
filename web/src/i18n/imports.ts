import en from "./en.imports.json";
import { i18n } from "./index.ts";
import sv from "./sv.imports.json";

// The import page brings its own words; both files must have the same keys.
const enHasAllKeys: typeof sv = en;
const svHasAllKeys: typeof en = sv;

i18n.addResourceBundle("sv", "translation", svHasAllKeys, true, false);
i18n.addResourceBundle("en", "translation", enHasAllKeys, true, false);
