//! BSS operations: typed requests with their documented validation, method and path, and
//! typed responses. Filled by the client issue.
