//! What to do after an attempt: return, retry after a delay, or re-sign once with the
//! server's clock. Pure: the time and the random number are inputs.
//!
//! * Reads ([`Repeat::ReadOnly`]) are retried after a network error, a timeout, or HTTP 429,
//!   502, 503, 504; writes ([`Repeat::OnThrottle`]) only after 429; CreateSubCustomer never.
//! * The delay honours `Retry-After` (seconds or an HTTP date); without it, exponential
//!   backoff with full jitter: a uniform draw in `[0, min(max_delay, base · 2^retry))`.
//!   A `Retry-After` longer than `max_delay_ms` is not waited for: the error is returned.
//! * A 401 whose message says the signature expired (the `X-Sdk-Date` is more than 15 minutes
//!   from the gateway's clock) is re-signed once with the offset read from the response's
//!   `Date` header, or from the `server time:` in the message.

use super::operation::{Operation, Repeat};
use crate::sign::SdkDate;
use crate::text::find;

/// How attempts are repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// The first backoff ceiling in ms (default 1000).
    pub base_delay_ms: u32,
    /// The largest delay in ms (default 20 000).
    pub max_delay_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            base_delay_ms: 1000,
            max_delay_ms: 20_000,
        }
    }
}

/// How an attempt ended.
#[derive(Debug, Clone, Copy)]
pub enum Attempt<'a> {
    /// An HTTP answer.
    Answer {
        /// Status.
        status: u16,
        /// Body text.
        body: &'a str,
        /// `Retry-After` header.
        retry_after: Option<&'a str>,
        /// `Date` header.
        date: Option<&'a str>,
    },
    /// `fetch` failed.
    Network,
    /// No answer in time.
    Timeout,
}

/// The decision after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Hand the outcome to the caller.
    Return,
    /// Wait this long, then send again.
    Retry {
        /// Delay in ms.
        delay_ms: u32,
    },
    /// Sign again with `now + offset_s` and send at once (not counted as a retry).
    Resign {
        /// Server clock minus local clock, in seconds.
        offset_s: i64,
    },
}

/// The context of the decision.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// The operation.
    pub operation: Operation,
    /// Retries already made.
    pub retries: u32,
    /// Whether the request is AK/SK-signed and has not been re-signed yet.
    pub can_resign: bool,
    /// The local time of the decision.
    pub now: SdkDate,
    /// A uniform random number (the jitter).
    pub random: u32,
}

/// Whether `body` is the gateway's "signature expired" answer.
pub fn is_signature_expired(status: u16, body: &str) -> bool {
    status == 401 && find(&body.to_ascii_lowercase(), "signature expired").is_some()
}

/// The server's time from the `Date` header, else from `server time:YYYYMMDDTHHMMSSZ` in
/// the gateway's message.
pub fn server_time(date_header: Option<&str>, body: &str) -> Option<SdkDate> {
    if let Some(d) = date_header.and_then(SdkDate::parse_http_date) {
        return Some(d);
    }
    let at = find(body, "server time:")? + "server time:".len();
    SdkDate::parse(body.get(at..at + 16)?)
}

/// The wait a `Retry-After` value asks for, in ms.
pub fn retry_after_ms(value: &str, now: SdkDate) -> Option<u64> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(secs.saturating_mul(1000));
    }
    // Digits past what a u64 holds: a wait longer than any limit, not garbage.
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(u64::MAX);
    }
    let at = SdkDate::parse_http_date(value)?;
    Some(
        u64::try_from(at.unix() - now.unix())
            .unwrap_or(0)
            .saturating_mul(1000),
    )
}

/// Full jitter: `random / 2^32 · min(max_delay, base · 2^retries)`.
pub fn backoff_ms(policy: &RetryPolicy, retries: u32, random: u32) -> u32 {
    let ceiling = u64::from(policy.base_delay_ms)
        .saturating_mul(1u64 << retries.min(32))
        .min(u64::from(policy.max_delay_ms));
    u32::try_from((ceiling * u64::from(random)) >> 32).unwrap_or(policy.max_delay_ms)
}

/// Decides what follows an attempt.
pub fn next_step(policy: &RetryPolicy, ctx: Context, attempt: Attempt<'_>) -> Step {
    if let Attempt::Answer {
        status, body, date, ..
    } = attempt
        && ctx.can_resign
        && is_signature_expired(status, body)
        && let Some(server) = server_time(date, body)
    {
        return Step::Resign {
            offset_s: server.unix() - ctx.now.unix(),
        };
    }
    let repeat = ctx.operation.spec().repeat;
    let retryable = match (repeat, attempt) {
        (Repeat::Never, _) => false,
        (Repeat::ReadOnly, Attempt::Network | Attempt::Timeout) => true,
        (Repeat::ReadOnly, Attempt::Answer { status, .. }) => {
            matches!(status, 429 | 502 | 503 | 504)
        }
        (Repeat::OnThrottle, Attempt::Answer { status, .. }) => status == 429,
        (Repeat::OnThrottle, _) => false,
    };
    if !retryable || ctx.retries >= policy.max_retries {
        return Step::Return;
    }
    let asked = match attempt {
        Attempt::Answer {
            retry_after: Some(v),
            ..
        } => retry_after_ms(v, ctx.now),
        _ => None,
    };
    match asked {
        Some(ms) if ms > u64::from(policy.max_delay_ms) => Step::Return,
        Some(ms) => Step::Retry {
            delay_ms: u32::try_from(ms).unwrap_or(policy.max_delay_ms),
        },
        None => Step::Retry {
            delay_ms: backoff_ms(policy, ctx.retries, ctx.random),
        },
    }
}

/// The attempts of one call so far: the retries made, and whether it was re-signed. The
/// caller that sends (the JS driver, through the binding) only keeps this and applies
/// [`Attempts::next`]'s step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attempts {
    /// Retries made (a re-sign is not one).
    pub retries: u32,
    /// Whether the call was re-signed (at most once).
    pub resigned: bool,
}

impl Attempts {
    /// [`next_step`] after an attempt of `operation` sent at `now`, counted: a retry adds one,
    /// a re-sign is allowed once and only for an AK/SK-`signed` request.
    pub fn next(
        &mut self,
        policy: &RetryPolicy,
        operation: Operation,
        signed: bool,
        now: SdkDate,
        random: u32,
        attempt: Attempt<'_>,
    ) -> Step {
        let ctx = Context {
            operation,
            retries: self.retries,
            can_resign: signed && !self.resigned,
            now,
            random,
        };
        let step = next_step(policy, ctx, attempt);
        match step {
            Step::Retry { .. } => self.retries = self.retries.saturating_add(1),
            Step::Resign { .. } => self.resigned = true,
            Step::Return => {}
        }
        step
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "20250101T080000Z";

    fn ctx(op: Operation, retries: u32) -> Context {
        Context {
            operation: op,
            retries,
            can_resign: true,
            now: SdkDate::parse(NOW).unwrap(),
            random: u32::MAX / 2,
        }
    }

    fn answer(status: u16) -> Attempt<'static> {
        Attempt::Answer {
            status,
            body: "{}",
            retry_after: None,
            date: None,
        }
    }

    #[test]
    fn which_failures_are_retried() {
        let p = RetryPolicy::default();
        let read = Operation::ListServiceTypes;
        for a in [
            Attempt::Network,
            Attempt::Timeout,
            answer(429),
            answer(502),
            answer(503),
            answer(504),
        ] {
            assert!(
                matches!(next_step(&p, ctx(read, 0), a), Step::Retry { .. }),
                "{a:?}"
            );
        }
        for a in [answer(400), answer(401), answer(500), answer(501)] {
            assert_eq!(next_step(&p, ctx(read, 0), a), Step::Return, "{a:?}");
        }
        assert_eq!(next_step(&p, ctx(read, 2), answer(503)), Step::Return);
        let write = Operation::PayOrders;
        assert!(matches!(
            next_step(&p, ctx(write, 0), answer(429)),
            Step::Retry { .. }
        ));
        for a in [Attempt::Network, Attempt::Timeout, answer(503)] {
            assert_eq!(next_step(&p, ctx(write, 0), a), Step::Return);
        }
        for a in [Attempt::Network, Attempt::Timeout, answer(429), answer(503)] {
            assert_eq!(
                next_step(&p, ctx(Operation::CreateSubCustomer, 0), a),
                Step::Return
            );
        }
    }

    #[test]
    fn delays_honour_retry_after_and_jitter() {
        let p = RetryPolicy::default();
        let op = Operation::ListSubCustomers;
        let with = |v| Attempt::Answer {
            status: 429,
            body: "",
            retry_after: Some(v),
            date: None,
        };
        assert_eq!(
            next_step(&p, ctx(op, 0), with("3")),
            Step::Retry { delay_ms: 3000 }
        );
        assert_eq!(
            next_step(&p, ctx(op, 0), with("Wed, 01 Jan 2025 08:00:05 GMT")),
            Step::Retry { delay_ms: 5000 }
        );
        assert_eq!(
            next_step(&p, ctx(op, 0), with("Wed, 01 Jan 2025 07:00:00 GMT")),
            Step::Retry { delay_ms: 0 }
        );
        assert_eq!(next_step(&p, ctx(op, 0), with("120")), Step::Return);
        // More seconds than a u64 holds: too long, not garbage (no backoff retry).
        assert_eq!(
            next_step(&p, ctx(op, 0), with("99999999999999999999999")),
            Step::Return
        );
        // Garbage is ignored: backoff instead.
        assert_eq!(
            next_step(&p, ctx(op, 1), with("soon")),
            Step::Retry { delay_ms: 999 }
        );
        assert_eq!(backoff_ms(&p, 0, 0), 0);
        assert_eq!(backoff_ms(&p, 0, u32::MAX), 999);
        assert_eq!(backoff_ms(&p, 3, u32::MAX), 7999);
        assert_eq!(backoff_ms(&p, 40, u32::MAX), 19_999);
    }

    #[test]
    fn attempts_count_retries_and_re_sign_once_only_when_signed() {
        let p = RetryPolicy::default();
        let now = SdkDate::parse(NOW).unwrap();
        let op = Operation::ListServiceTypes;
        let expired = Attempt::Answer {
            status: 401,
            body: "signature expired, server time:20250101T083000Z",
            retry_after: None,
            date: None,
        };
        let mut a = Attempts::default();
        assert_eq!(
            a.next(&p, op, true, now, 0, expired),
            Step::Resign { offset_s: 1800 }
        );
        assert_eq!(
            a,
            Attempts {
                retries: 0,
                resigned: true
            }
        );
        // Once only: the second expiry is returned.
        assert_eq!(a.next(&p, op, true, now, 0, expired), Step::Return);
        // A token (not signed) is never re-signed.
        assert_eq!(
            Attempts::default().next(&p, op, false, now, 0, expired),
            Step::Return
        );
        let mut a = Attempts::default();
        for retries in 1..=p.max_retries {
            assert!(matches!(
                a.next(&p, op, true, now, 0, Attempt::Timeout),
                Step::Retry { .. }
            ));
            assert_eq!(a.retries, retries);
        }
        assert_eq!(a.next(&p, op, true, now, 0, Attempt::Timeout), Step::Return);
        assert_eq!(a.retries, p.max_retries);
    }

    #[test]
    fn expired_signatures_are_re_signed_once_with_the_server_clock() {
        let p = RetryPolicy::default();
        let body = r#"{"error_msg":"Incorrect IAM authentication information: signature expired, signature time:20250101T080000Z,server time:20250101T083000Z","error_code":"APIGW.0301"}"#;
        let a = Attempt::Answer {
            status: 401,
            body,
            retry_after: None,
            date: Some("Wed, 01 Jan 2025 09:00:00 GMT"),
        };
        let op = Operation::CreateSubCustomer;
        assert_eq!(
            next_step(&p, ctx(op, 0), a),
            Step::Resign { offset_s: 3600 }
        );
        let a = Attempt::Answer {
            status: 401,
            body,
            retry_after: None,
            date: None,
        };
        assert_eq!(
            next_step(&p, ctx(op, 0), a),
            Step::Resign { offset_s: 1800 }
        );
        let once = Context {
            can_resign: false,
            ..ctx(op, 0)
        };
        assert_eq!(next_step(&p, once, a), Step::Return);
        let other = Attempt::Answer {
            status: 401,
            body: r#"{"error_code":"APIGW.0301","error_msg":"verify aksk signature fail"}"#,
            retry_after: None,
            date: Some("Wed, 01 Jan 2025 09:00:00 GMT"),
        };
        assert_eq!(next_step(&p, ctx(op, 0), other), Step::Return);
    }
}
