// adaptivecards-templating's declarations import a TypeScript *source* file of the adaptivecards
// package, which then type-checks as part of this project and fails. Only the card type is used.
export type IAdaptiveCard = Record<string, unknown>;
