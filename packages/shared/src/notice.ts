// Contracts for this area; filled in by its module.
export {};
