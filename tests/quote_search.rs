//! `selection: "best"` against brute force, on thousands of random small instances.
//!
//! The oracle enumerates every discount choice and every coupon subset, prices each with an
//! explicit selection (`{discount_id, coupon_ids}`) — the same public API a storefront calls
//! — skips the subsets the explicit quote does not use in full, and orders the results by
//! the documented criteria. The search must return exactly the oracle's best combination,
//! and, where no two coupons are interchangeable, exactly its three runners-up.

mod common;
use bss_storefront::api::{Json, Operation, build};
use bss_storefront::coupons::Timestamp;
use bss_storefront::quote::{DiscountRequest, Quote, QuoteInput, QuoteOptions, Selection, quote};
use bss_storefront::registration::Site;
use common::Rng;

const SERVICES: [&str; 2] = ["hws.service.type.ec2", "hws.service.type.ebs"];

struct Instance {
    json: String,
    /// (id, expire millis or None) per coupon.
    coupons: Vec<(String, Option<i64>)>,
    discount_ids: Vec<String>,
    has_adjustment: bool,
    twins: bool,
}

fn money(rng: &mut Rng, max_cents: u64) -> String {
    let cents = 1 + rng.below(max_cents);
    let base = format!("{}.{:02}", cents / 100, cents % 100);
    if rng.percent(10) {
        // Sub-cent amounts, as ratios and on-demand prices produce them.
        format!("{base}{}", 1 + rng.below(9))
    } else {
        base
    }
}

fn instance(rng: &mut Rng) -> Instance {
    let n_lines = 1 + rng.below(4) as usize;
    let lines: Vec<String> = (0..n_lines)
        .map(|i| {
            format!(
                r#"{{"id":"L{i}","cloud_service_type":"{}","region":"cn-north-4","official_amount":"{}"{}}}"#,
                rng.pick(&SERVICES),
                money(rng, 40_000),
                if rng.percent(15) {
                    r#","charging_mode":"on_demand""#
                } else {
                    ""
                }
            )
        })
        .collect();
    let mut discounts = Vec::new();
    let mut discount_ids = Vec::new();
    let mut has_adjustment = false;
    for d in 0..rng.below(3) {
        let id = format!("D{d}");
        let adjustment = rng.percent(8);
        has_adjustment |= adjustment;
        let code = if adjustment {
            609
        } else {
            *rng.pick(&[0, 1, 2, 3, 605, 606, 607])
        };
        let ids: Vec<String> = (0..n_lines)
            .filter(|_| rng.percent(70))
            .map(|i| format!(r#""L{i}""#))
            .collect();
        let ids = if ids.is_empty() {
            vec![r#""L0""#.to_owned()]
        } else {
            ids
        };
        let item = if rng.percent(70) {
            // Sometimes with the saving BSS states (used as stated, issue 13 item 2).
            let stated = if rng.percent(30) {
                format!(r#","discount_amount":"{}""#, money(rng, 300))
            } else {
                String::new()
            };
            format!(
                r#"{{"order_line_item_ids":[{}],"discount_mode":0,"discount_ratio":"{}"{stated}}}"#,
                ids.join(","),
                rng.pick(&["0.8", "0.85", "0.9", "0.95", "0.7777"])
            )
        } else {
            format!(
                r#"{{"order_line_item_ids":[{}],"discount_mode":2,"discount_amount":"{}"}}"#,
                ids.join(","),
                money(rng, 500)
            )
        };
        discounts.push(format!(
            r#"{{"discount_id":"{id}","discount_type":{code},"orders":[{{"order_line_items":[{item}]}}]}}"#
        ));
        discount_ids.push(id);
    }
    let mut coupons: Vec<String> = Vec::new();
    let mut coupon_meta: Vec<(String, Option<i64>)> = Vec::new();
    let n_coupons = rng.below(7) as usize;
    let mut twins = false;
    for c in 0..n_coupons {
        let id = format!("C{c}");
        if c > 0 && rng.percent(6) {
            // The same coupon listed again (merged wallets, issue 13 item 3).
            let prev = coupons[c - 1].clone();
            coupons.push(prev);
            let meta = coupon_meta[c - 1].clone();
            coupon_meta.push(meta);
            twins = true;
            continue;
        }
        if c > 0 && rng.percent(12) {
            // A twin of the previous coupon: same everything but the id.
            let prev: &String = &coupons[c - 1];
            let (prev_id, prev_exp) = coupon_meta[c - 1].clone();
            coupons.push(prev.replacen(
                &format!(r#""coupon_id":"{prev_id}""#),
                &format!(r#""coupon_id":"{id}""#),
                1,
            ));
            coupon_meta.push((id, prev_exp));
            twins = true;
            continue;
        }
        let kind = *rng.pick(&[1, 1, 4, 4, 4, 2, 303]);
        let mut limits = Vec::new();
        if rng.percent(30) {
            limits.push(format!(
                r#"{{"limit_key":"serviceType","value1":"{}"}}"#,
                rng.pick(&SERVICES)
            ));
        }
        if rng.percent(25) {
            limits.push(format!(
                r#"{{"limit_key":"baseValue","value1":"{}","value2":""}}"#,
                rng.below(300)
            ));
        }
        if kind == 4 && rng.percent(30) {
            limits.push(format!(
                r#"{{"limit_key":"maxDeductionRatio","value1":"{}"}}"#,
                rng.pick(&["0.1", "0.3", "0.5", "1"])
            ));
        }
        if kind != 2 && rng.percent(20) {
            limits.push(format!(
                r#"{{"limit_key":"{}","value1":"0"}}"#,
                rng.pick(&[
                    "simultaneousUseWithEmpowerDiscount",
                    "simultaneousUseWithContractDiscount",
                    "simultaneousUseWithPromotionDiscount",
                    "simultaneousUseWithDiscountCoupon"
                ])
            ));
        }
        if kind != 2 && rng.percent(15) {
            limits.push(format!(
                r#"{{"limit_key":"minConsumeDiscount","value1":"{}"}}"#,
                rng.pick(&["0.8", "0.9"])
            ));
        }
        let expire = if rng.percent(15) {
            None
        } else {
            Some(format!("2024-{:02}-01T00:00:00Z", 7 + rng.below(6)))
        };
        let expire_ms = expire
            .as_deref()
            .map(|t| Timestamp::parse(t).unwrap().millis());
        let group = if rng.percent(10) {
            *rng.pick(&[1, 2])
        } else {
            0
        };
        // A discount coupon's face value is a pay ratio (issue 13 item 1); 1.5 cannot be one.
        let face = if kind == 2 {
            (*rng.pick(&["0.8", "0.85", "0.9", "0.95", "0.7", "1.5"])).to_owned()
        } else {
            money(rng, 30_000)
        };
        let (version, balance) = if rng.percent(40) {
            (2, format!(r#","balance":"{}""#, money(rng, 30_000)))
        } else {
            (1, String::new())
        };
        coupons.push(format!(
            r#"{{"coupon_id":"{id}","coupon_type":{kind},"status":2,"face_value":"{face}","coupon_version":{version}{balance},
                "coupon_group":{group},"effective_time":"2024-01-01T00:00:00Z"{},"use_limits":[{}]}}"#,
            expire
                .as_deref()
                .map(|t| format!(r#","expire_time":"{t}""#))
                .unwrap_or_default(),
            limits.join(",")
        ));
        coupon_meta.push((id, expire_ms));
    }
    let balances = format!(
        r#"{{"cash":"{}","credit":"{}"}}"#,
        money(rng, 20_000),
        money(rng, 20_000)
    );
    let json = format!(
        r#"{{"now":"2024-06-01T00:00:00Z","order":{{"order_id":"CS1","order_type":"new","charging_mode":"period","period_type":2,"period_num":1,
            "lines":[{}]}},"discounts":[{}],"coupons":[{}],"balances":{balances},"selection":"best"}}"#,
        lines.join(","),
        discounts.join(","),
        coupons.join(",")
    );
    Instance {
        json,
        coupons: coupon_meta,
        discount_ids,
        has_adjustment,
        twins,
    }
}

/// The documented order of combinations, computed from an explicit quote.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    payable: i128,
    spend: i128,
    count: usize,
    expiry: Vec<i64>,
    discount_id: Option<String>,
    coupon_ids: Vec<String>,
}

fn cents(s: &str) -> i128 {
    let (int, frac) = s.split_once('.').unwrap_or((s, "00"));
    let frac = format!("{frac:0<2}");
    assert_eq!(frac.len(), 2, "{s} is not in cents");
    int.parse::<i128>().unwrap() * 100 + frac.parse::<i128>().unwrap()
}

fn key(q: &Quote, inst: &Instance, funds: i128) -> Key {
    let payable = cents(&q.payable.to_string());
    let mut expiry: Vec<i64> = q
        .coupons
        .iter()
        .map(|c| {
            inst.coupons
                .iter()
                .find(|(id, _)| *id == c.coupon_id)
                .unwrap()
                .1
                .unwrap_or(i64::MAX)
        })
        .collect();
    expiry.sort_unstable_by(|a, b| b.cmp(a));
    let mut coupon_ids: Vec<String> = q.coupons.iter().map(|c| c.coupon_id.clone()).collect();
    coupon_ids.sort();
    Key {
        payable,
        spend: payable.min(funds),
        count: q.coupons.len(),
        expiry,
        discount_id: q.discount.as_ref().map(|d| d.discount_id.clone()),
        coupon_ids,
    }
}

/// What holds for every quote's PayOrders body (issue 13 items 3, 4): each coupon id once, at
/// most three, and the package's own `payOrders` validation accepts it.
fn pays(q: &Quote, n: usize, json: &str) {
    let body = serde_json::to_value(&q.pay_request).unwrap();
    let ids: Vec<&str> = body["coupon_infos"]
        .as_array()
        .map(|l| l.iter().filter_map(|c| c["id"].as_str()).collect())
        .unwrap_or_default();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        ids.len(),
        "instance {n}: an id twice {body}\n{json}"
    );
    assert!(ids.len() <= 3, "instance {n}: {body}");
    let wire = Json::from(&body);
    if let Err(e) = build(Operation::PayOrders, &wire, Site::Cn) {
        panic!("instance {n}: payOrders refuses {body}: {e:?}\n{json}");
    }
}

fn subsets(n: usize, max: usize) -> Vec<Vec<usize>> {
    (0u32..(1 << n))
        .filter(|m| m.count_ones() as usize <= max)
        .map(|m| (0..n).filter(|i| m & (1 << i) != 0).collect())
        .collect()
}

#[test]
fn best_equals_brute_force_on_random_instances() {
    const INSTANCES: usize = 3000;
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let opts = QuoteOptions::default();
    let (mut compared_alternatives, mut combinations, mut with_discount, mut with_coupons) =
        (0, 0usize, 0, 0);
    for n in 0..INSTANCES {
        let inst = instance(&mut rng);
        let input = QuoteInput::from_json(&inst.json, None).unwrap();
        let funds = cents(&input.balances.cash.floor_dp(2).to_string())
            + cents(&input.balances.credit.floor_dp(2).to_string());
        let best =
            quote(&input, &opts).unwrap_or_else(|e| panic!("instance {n}: {e}\n{}", inst.json));
        let search = best.search.expect("search stats");
        assert!(search.exact, "instance {n}");
        pays(&best, n, &inst.json);

        let mut discount_choices: Vec<DiscountRequest> = vec![DiscountRequest::None];
        if !inst.has_adjustment {
            discount_choices.extend(
                inst.discount_ids
                    .iter()
                    .map(|d| DiscountRequest::Id(d.clone())),
            );
        }
        let mut keys: Vec<Key> = Vec::new();
        for discount in &discount_choices {
            for subset in subsets(inst.coupons.len(), 3) {
                let ids: Vec<String> = subset.iter().map(|&i| inst.coupons[i].0.clone()).collect();
                let mut unique = ids.clone();
                unique.sort();
                unique.dedup();
                if unique.len() != ids.len() {
                    continue; // one coupon listed twice is one coupon
                }
                let mut explicit = input.clone();
                explicit.selection = Selection::Explicit {
                    discount: discount.clone(),
                    coupon_ids: ids.clone(),
                };
                let q = quote(&explicit, &opts).unwrap();
                pays(&q, n, &inst.json);
                // "best" is never worse than any explicit selection, used in full or not.
                assert!(
                    cents(&best.payable.to_string()) <= cents(&q.payable.to_string()),
                    "instance {n}: best {} > explicit {:?} {ids:?} {}\n{}",
                    best.payable,
                    discount,
                    q.payable,
                    inst.json
                );
                let discount_used = match discount {
                    DiscountRequest::Id(id) => {
                        q.discount.as_ref().map(|d| &d.discount_id) == Some(id)
                    }
                    _ => true,
                };
                if q.coupons.len() != ids.len() || !discount_used {
                    continue; // not a combination of its own: something was rejected
                }
                // Lines sum exactly to the totals.
                let sum =
                    |f: &dyn Fn(&bss_storefront::quote::Columns) -> bss_storefront::Amount| {
                        q.lines.iter().fold(bss_storefront::Amount::ZERO, |s, l| {
                            s.checked_add(f(&l.columns)).unwrap()
                        })
                    };
                assert_eq!(sum(&|l| l.payable), q.payable, "instance {n}");
                assert_eq!(
                    sum(&|l| l.discount_amount),
                    q.discount_amount,
                    "instance {n}"
                );
                assert_eq!(sum(&|l| l.coupon_amount), q.coupon_amount, "instance {n}");
                assert_eq!(
                    sum(&|l| l.flexipurchase_coupon_amount),
                    q.flexipurchase_coupon_amount
                );
                assert_eq!(
                    sum(&|l| l.truncated_amount),
                    q.truncated_amount,
                    "instance {n}"
                );
                keys.push(key(&q, &inst, funds));
            }
        }
        keys.sort();
        keys.dedup();
        combinations += keys.len();
        let got = key(&best, &inst, funds);
        assert_eq!(
            got, keys[0],
            "instance {n}: search ≠ brute force\n{}",
            inst.json
        );
        with_discount += usize::from(best.discount.is_some());
        with_coupons += usize::from(!best.coupons.is_empty());
        if !inst.twins {
            let alternatives = best.alternatives.as_ref().unwrap();
            let expected: Vec<(i128, Option<String>, Vec<String>)> = keys
                .iter()
                .skip(1)
                .take(3)
                .map(|k| (k.payable, k.discount_id.clone(), k.coupon_ids.clone()))
                .collect();
            let got: Vec<(i128, Option<String>, Vec<String>)> = alternatives
                .iter()
                .map(|a| {
                    let mut ids = a.coupon_ids.clone();
                    ids.sort();
                    (
                        cents(&a.totals.payable.to_string()),
                        a.discount_id.clone(),
                        ids,
                    )
                })
                .collect();
            assert_eq!(got, expected, "instance {n}: runners-up\n{}", inst.json);
            compared_alternatives += 1;
        }
    }
    println!(
        "{INSTANCES} instances, {combinations} combinations priced by brute force; best used a discount in {with_discount}, coupons in {with_coupons}; runners-up compared in {compared_alternatives}"
    );
    assert!(with_discount > INSTANCES / 10 && with_coupons > INSTANCES / 3);
}
