// Package crashtest proves Tribune's promise that a 201 to a comment POST
// means the comment is durably committed. Its test runs the real binary,
// posts comments from many readers at once, kills the server with SIGKILL
// in the middle of the load, restarts it on the same data and checks that
// every acknowledged comment is still there, exactly once and unchanged,
// on SQLite and on PostgreSQL. It has no code outside its tests: the
// binary is the unit under test, so nothing in-process can hide a lost
// write behind a cache.
package crashtest
