// The Drizzle schema, one file per area; drizzle-kit reads the tables through this barrel.
export * from './schema/audit.js';
export * from './schema/documents.js';
export * from './schema/help.js';
export * from './schema/identity.js';
export * from './schema/lifecycle.js';
export * from './schema/persons.js';
export * from './schema/work.js';
