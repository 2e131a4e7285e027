//! Message text of displayable values, written by one out-of-line body. Its own file, below
//! [`model`](super::model) and [`verdict`](super::verdict), so that both can use it.

/// `v.to_string()`: one out-of-line body for the area's messages (each inlined `to_string`
/// carries its own formatting call and failure path).
#[inline(never)]
pub(crate) fn to_text(v: &dyn std::fmt::Display) -> String {
    v.to_string()
}
