//! Largest-remainder allocation against its definition, on random instances: the parts sum
//! to the total, each part is the floor or the ceiling of its exact share, the rounded-up
//! parts are those with the largest remainders (ties to the earlier line), and caps are kept
//! whenever the total leaves room.

use bss_storefront::allocation::allocate_units;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn largest_remainder_by_definition() {
    const INSTANCES: usize = 20_000;
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    let mut with_caps_binding = 0;
    for n in 0..INSTANCES {
        let len = 1 + rng.below(12) as usize;
        let weights: Vec<i128> = (0..len)
            .map(|_| match rng.below(4) {
                0 => 0,
                1 => i128::from(rng.below(10)),
                _ => i128::from(rng.below(1_000_000_000)),
            })
            .collect();
        let sum: i128 = weights.iter().sum();
        if sum == 0 {
            assert!(allocate_units(1, &weights, None).is_err());
            continue;
        }
        let total = i128::from(rng.below(100_000));
        // Caps at the floor of the share (no room for one more) or one above (room).
        let caps: Vec<i128> = weights
            .iter()
            .map(|&w| w * total / sum + i128::from(rng.below(2)))
            .collect();
        let use_caps = rng.below(2) == 0;
        let parts = allocate_units(total, &weights, use_caps.then_some(caps.as_slice()))
            .unwrap_or_else(|e| panic!("instance {n}: {e}"));
        assert_eq!(parts.iter().sum::<i128>(), total, "instance {n}");
        // Exact share total·w/sum = q + r/sum.
        let mut up = Vec::new();
        for (i, (&w, &p)) in weights.iter().zip(&parts).enumerate() {
            let (q, r) = (total * w / sum, total * w % sum);
            assert!(
                p == q || (p == q + 1 && r > 0),
                "instance {n}: part {i} = {p}, share {q} + {r}/{sum}"
            );
            if p == q + 1 {
                up.push(i);
            }
        }
        // The rounded-up parts are exactly the best by (within cap, remainder, index).
        let key = |i: usize| {
            let q = total * weights[i] / sum;
            let over = use_caps && q >= caps[i];
            (over, -(total * weights[i] % sum), i)
        };
        let mut candidates: Vec<usize> =
            (0..len).filter(|&i| total * weights[i] % sum > 0).collect();
        candidates.sort_by_key(|&i| key(i));
        let mut expected: Vec<usize> = candidates.into_iter().take(up.len()).collect();
        expected.sort_unstable();
        assert_eq!(up, expected, "instance {n}");
        // Instances where a cap changed the choice: a larger remainder without room lost.
        let by_remainder = {
            let mut c: Vec<usize> = (0..len).filter(|&i| total * weights[i] % sum > 0).collect();
            c.sort_by_key(|&i| (-(total * weights[i] % sum), i));
            let mut c: Vec<usize> = c.into_iter().take(up.len()).collect();
            c.sort_unstable();
            c
        };
        if use_caps && by_remainder != up {
            with_caps_binding += 1;
        }
    }
    println!("{INSTANCES} instances; caps changed the rounded-up parts in {with_caps_binding}");
    assert!(with_caps_binding > 100);
}
