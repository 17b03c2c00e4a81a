/** Page size when a list field is asked without `first`. Its own module so the gateway's cost estimate needs no type-graphql. */
export const DEFAULT_PAGE_SIZE = 20;
