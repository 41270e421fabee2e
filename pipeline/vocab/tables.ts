// The table vocabulary of every language (vocab/<language>/tables.json): names for what a table does not print.
import en from "./en/tables.json" with { type: "json" };
import zh from "./zh/tables.json" with { type: "json" };

export const tablesVocab = { en, zh } as const;
