//! The options of `BssClient`, `createProxy`, `client.pages` and `getToken`: their ranges and
//! defaults, and the `invalid_option` errors for wrong values. The binding only reads the JS
//! values and hands them here.

use super::error::ApiError;
use super::operation::Operation;
use super::retry::RetryPolicy;
use crate::sign::SdkDate;

/// A numeric option as the caller gave it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Given {
    /// Absent (`undefined` or `null`).
    Absent,
    /// A number.
    Number(f64),
    /// Anything else (a string, an object, …).
    Other,
}

/// An integer option: its name and range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntOption {
    /// The option's name.
    pub name: &'static str,
    /// Smallest value.
    pub min: u32,
    /// Largest value.
    pub max: u32,
}

/// Time limit of one attempt, body included.
pub const TIMEOUT_MS: IntOption = IntOption {
    name: "timeout_ms",
    min: 1,
    max: 600_000,
};
/// Default time limit of one attempt.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// Retries after the first attempt.
pub const MAX_RETRIES: IntOption = IntOption {
    name: "max_retries",
    min: 0,
    max: 10,
};
/// The first backoff ceiling.
pub const RETRY_DELAY_MS: IntOption = IntOption {
    name: "retry_delay_ms",
    min: 0,
    max: 60_000,
};

/// Pages `client.pages` fetches when `max_pages` is not given.
pub const DEFAULT_PAGES: u32 = 100;
/// The most pages `client.pages` fetches.
pub const MAX_PAGES: u32 = 10_000;

impl IntOption {
    /// The value: `None` when absent, the integer when it is one in range, else
    /// `invalid_option`.
    pub fn read(self, given: Given) -> Result<Option<u32>, ApiError> {
        match given {
            Given::Absent => Ok(None),
            Given::Number(n)
                if n >= f64::from(self.min) && n <= f64::from(self.max) && n.fract() == 0.0 =>
            {
                // In range and whole: the conversion is exact.
                Ok(Some(n as u32))
            }
            _ => Err(ApiError::InvalidOption {
                option: self.name,
                message: format!(
                    "expected an integer from {} to {}",
                    crate::text::int(self.min.into()),
                    crate::text::int(self.max.into())
                ),
            }),
        }
    }
}

/// The retry policy from `max_retries` and `retry_delay_ms` (absent: the defaults). The
/// largest delay is never below the first one.
pub fn retry_policy(max_retries: Option<u32>, retry_delay_ms: Option<u32>) -> RetryPolicy {
    let defaults = RetryPolicy::default();
    let base_delay_ms = retry_delay_ms.unwrap_or(defaults.base_delay_ms);
    RetryPolicy {
        max_retries: max_retries.unwrap_or(defaults.max_retries),
        base_delay_ms,
        max_delay_ms: defaults.max_delay_ms.max(base_delay_ms),
    }
}

/// A client needs credentials unless its endpoint is a signing proxy (which holds them).
pub fn require_credentials(credentials: bool, endpoint: bool) -> Result<(), ApiError> {
    if credentials || endpoint {
        return Ok(());
    }
    Err(ApiError::InvalidOption {
        option: "credentials",
        message: "required, unless endpoint is a signing proxy (createProxy)".into(),
    })
}

/// The pages `client.pages` fetches: `max_pages` within 1..=[`MAX_PAGES`], by default
/// [`DEFAULT_PAGES`].
pub fn max_pages(asked: Option<u32>) -> u32 {
    asked.unwrap_or(DEFAULT_PAGES).clamp(1, MAX_PAGES)
}

/// The operation named `name` (BSS or method name), else `unknown_operation`.
pub fn operation(name: &str) -> Result<Operation, ApiError> {
    Operation::from_name(name).ok_or_else(|| ApiError::UnknownOperation {
        name: name.to_owned(),
    })
}

/// The operation named `name` for `client.pages`: it must page (offset/limit or marker).
pub fn paged_operation(name: &str) -> Result<Operation, ApiError> {
    let op = operation(name)?;
    match op.paging() {
        Some(_) => Ok(op),
        None => Err(ApiError::InvalidOption {
            option: "operation",
            message: format!("{} does not page (offset/limit or marker)", op.spec().name),
        }),
    }
}

/// The signing clock at `unix` seconds; `invalid_option` (`clock`) when out of range.
pub fn clock(unix: i64) -> Result<SdkDate, ApiError> {
    SdkDate::from_unix(unix).ok_or_else(|| ApiError::InvalidOption {
        option: "clock",
        message: "the clock is out of range".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_options_take_whole_numbers_in_range_and_name_the_option_otherwise() {
        assert_eq!(TIMEOUT_MS.read(Given::Absent), Ok(None));
        assert_eq!(TIMEOUT_MS.read(Given::Number(1.0)), Ok(Some(1)));
        assert_eq!(TIMEOUT_MS.read(Given::Number(600_000.0)), Ok(Some(600_000)));
        assert_eq!(MAX_RETRIES.read(Given::Number(0.0)), Ok(Some(0)));
        assert_eq!(
            RETRY_DELAY_MS.read(Given::Number(60_000.0)),
            Ok(Some(60_000))
        );
        for bad in [
            Given::Number(0.0),
            Given::Number(600_001.0),
            Given::Number(1.5),
            Given::Number(f64::NAN),
            Given::Number(f64::INFINITY),
            Given::Number(-1.0),
            Given::Other,
        ] {
            let e = TIMEOUT_MS.read(bad).unwrap_err();
            assert_eq!(e.code(), "invalid_option", "{bad:?}");
            assert_eq!(
                e.to_string(),
                "timeout_ms: expected an integer from 1 to 600000"
            );
        }
        assert_eq!(
            MAX_RETRIES
                .read(Given::Number(11.0))
                .unwrap_err()
                .to_string(),
            "max_retries: expected an integer from 0 to 10"
        );
    }

    #[test]
    fn retry_policy_defaults_and_a_ceiling_never_below_the_first_delay() {
        assert_eq!(retry_policy(None, None), RetryPolicy::default());
        let p = retry_policy(Some(0), Some(60_000));
        assert_eq!(
            (p.max_retries, p.base_delay_ms, p.max_delay_ms),
            (0, 60_000, 60_000)
        );
        let p = retry_policy(Some(5), Some(10));
        assert_eq!(
            (p.max_retries, p.base_delay_ms, p.max_delay_ms),
            (5, 10, 20_000)
        );
    }

    #[test]
    fn credentials_unless_a_proxy_and_pages_clamped() {
        assert!(require_credentials(true, false).is_ok());
        assert!(require_credentials(false, true).is_ok());
        let e = require_credentials(false, false).unwrap_err();
        assert_eq!(
            (e.code(), e.to_string().starts_with("credentials: ")),
            ("invalid_option", true)
        );
        assert_eq!(max_pages(None), DEFAULT_PAGES);
        assert_eq!(max_pages(Some(0)), 1);
        assert_eq!(max_pages(Some(5)), 5);
        assert_eq!(max_pages(Some(u32::MAX)), MAX_PAGES);
    }

    #[test]
    fn operations_by_name_and_the_clock() {
        assert_eq!(
            operation("ListSubCustomers"),
            Ok(Operation::ListSubCustomers)
        );
        assert_eq!(
            operation("listSubCustomers"),
            Ok(Operation::ListSubCustomers)
        );
        let e = operation("listsubcustomers").unwrap_err();
        assert_eq!(e.code(), "unknown_operation");
        assert_eq!(e.to_string(), "unknown operation \"listsubcustomers\"");
        assert_eq!(
            paged_operation("listSubCustomers"),
            Ok(Operation::ListSubCustomers)
        );
        let e = paged_operation("payOrders").unwrap_err();
        assert_eq!(
            (e.code(), e.to_string().as_str()),
            (
                "invalid_option",
                "operation: PayOrders does not page (offset/limit or marker)"
            )
        );
        assert_eq!(
            paged_operation("nope").unwrap_err().code(),
            "unknown_operation"
        );
        assert_eq!(
            clock(0).map(|d| d.to_string()),
            Ok("19700101T000000Z".into())
        );
        assert_eq!(clock(i64::MAX).unwrap_err().code(), "invalid_option");
    }
}
