// Replaced by the database-selecting setup in the foundation work; kept minimal so that
// unit projects can run on their own.
export default function setup(): void {}
