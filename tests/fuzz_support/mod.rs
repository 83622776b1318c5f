//! How many cases the parser fuzz runs (proptest) take. The defaults keep
//! CI quick; `GWR_FUZZ_CASES=100000` is the long run the README reports.

pub fn cases(ci_default: u32) -> u32 {
    std::env::var("GWR_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(ci_default)
}
