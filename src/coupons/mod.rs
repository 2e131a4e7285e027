//! Coupon applicability: the coupon model (both type-code spaces), one evaluator per
//! `limit_key`, verdicts with reasons.
