//! Where the random choices of a generated case come from: a seed, for reproducible property
//! tests, or the fuzzer's bytes, for coverage-guided search.
use arbitrary::Unstructured;

/// A source of choices.
pub trait Choices {
    /// A number in `0..n`; `n` is at least 1.
    fn below(&mut self, n: usize) -> usize;

    /// Bytes of the source's own choosing, to stand for any value of a type (a geometry's WKB,
    /// a string, a number). `None` when the source only picks from the fixed pools.
    fn raw(&mut self) -> Option<Vec<u8>>;

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// xorshift64*: small, seedable and good enough to pick test cases.
pub struct Seeded(u64);

impl Seeded {
    pub fn new(seed: u64) -> Self {
        Seeded(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

impl Choices for Seeded {
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn raw(&mut self) -> Option<Vec<u8>> {
        None
    }
}

/// Choices read from a fuzzer's input. When the input runs out, every choice is the first one,
/// so a case always ends.
pub struct Fuzzed<'a>(pub Unstructured<'a>);

impl Choices for Fuzzed<'_> {
    fn below(&mut self, n: usize) -> usize {
        self.0.choose_index(n).unwrap_or(0)
    }

    fn raw(&mut self) -> Option<Vec<u8>> {
        // One value in four comes straight from the fuzzer; the rest from the pools, whose
        // valid geometries reach deeper into the kernels.
        if self.0.ratio(1u8, 4u8).unwrap_or(false) {
            self.0.arbitrary().ok()
        } else {
            None
        }
    }
}
