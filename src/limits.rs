//! Input sizes checked before any work: a JSON argument longer than its limit is refused
//! (`too_large`) before it is parsed, so a hostile input costs a length comparison, not a
//! parse of megabytes. The per-list limits (lines, coupons, discounts, rating elements) are
//! checked by each area's reader as soon as the list is read.

/// The largest JSON text accepted for one argument of `evaluateCoupons` (`order`,
/// `coupons`), `quote` (`input`) and `selectDiscount` (`rating`): 8 MiB. Every documented
/// count limit fits in it with room (1,000 lines with 1 KB ids and 1,000 coupons of 2 KB
/// each take about 3 MB).
pub const MAX_INPUT_BYTES: usize = 8 << 20;

/// The largest JSON text accepted for an options argument: 64 KiB.
pub const MAX_OPTIONS_BYTES: usize = 64 << 10;

/// An argument longer than its limit (`too_large`, `field` = the argument).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}: {bytes} bytes of JSON, more than {max}")]
pub struct TooLarge {
    /// The argument (`order`, `coupons`, `input`, `rating`, `opts`).
    pub what: &'static str,
    /// Its length in bytes.
    pub bytes: usize,
    /// The limit.
    pub max: usize,
}

/// `Ok` when `text` has at most `max` bytes.
pub fn check_text(what: &'static str, text: &str, max: usize) -> Result<(), TooLarge> {
    if text.len() > max {
        return Err(TooLarge {
            what,
            bytes: text.len(),
            max,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_inclusive() {
        let at = "x".repeat(16);
        assert!(check_text("order", &at, 16).is_ok());
        let over = "x".repeat(17);
        let e = check_text("order", &over, 16).unwrap_err();
        assert_eq!((e.what, e.bytes, e.max), ("order", 17, 16));
    }
}
