//! Bitmaps in Arrow's layout (least significant bit first), borrowed or owned and reusable.
use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer};

/// A borrowed bitmap starting at a bit offset.
#[derive(Clone, Copy, Debug)]
pub struct Bits<'a> {
    bytes: &'a [u8],
    offset: usize,
}

impl<'a> Bits<'a> {
    /// `bytes` must hold at least `offset + len` bits for every index later read.
    pub fn new(bytes: &'a [u8], offset: usize) -> Self {
        Bits { bytes, offset }
    }

    #[inline]
    pub fn get(&self, i: usize) -> bool {
        let bit = self.offset + i;
        (self.bytes[bit >> 3] >> (bit & 7)) & 1 == 1
    }
}

/// Which rows hold a value.
#[derive(Clone, Copy, Debug)]
pub enum Validity<'a> {
    AllValid,
    AllNull,
    Bits(Bits<'a>),
}

impl<'a> Validity<'a> {
    #[inline]
    pub fn is_valid(&self, i: usize) -> bool {
        match self {
            Validity::AllValid => true,
            Validity::AllNull => false,
            Validity::Bits(bits) => bits.get(i),
        }
    }

    pub(crate) fn of(nulls: Option<&'a NullBuffer>) -> Self {
        match nulls {
            None => Validity::AllValid,
            Some(nulls) if nulls.null_count() == 0 => Validity::AllValid,
            Some(nulls) if nulls.null_count() == nulls.len() => Validity::AllNull,
            Some(nulls) => {
                let inner = nulls.inner();
                Validity::Bits(Bits::new(inner.values(), inner.offset()))
            }
        }
    }
}

/// An owned bitmap that keeps its capacity when cleared.
#[derive(Default, Debug, Clone)]
pub struct BitBuf {
    bytes: Vec<u8>,
    len: usize,
    ones: usize,
}

impl BitBuf {
    #[inline]
    pub fn push(&mut self, bit: bool) {
        let byte = self.len >> 3;
        if byte == self.bytes.len() {
            self.bytes.push(0);
        }
        self.bytes[byte] |= (bit as u8) << (self.len & 7);
        self.ones += bit as usize;
        self.len += 1;
    }

    /// Appends many bits at once, eight to a byte.
    pub fn extend(&mut self, bits: impl IntoIterator<Item = bool>) {
        let mut bits = bits.into_iter();
        // Finish the current byte bit by bit, then pack whole bytes.
        while self.len & 7 != 0 {
            match bits.next() {
                Some(bit) => self.push(bit),
                None => return,
            }
        }
        loop {
            let mut byte = 0u8;
            let mut count = 0;
            for bit in bits.by_ref().take(8) {
                byte |= (bit as u8) << count;
                count += 1;
            }
            if count == 0 {
                return;
            }
            self.bytes.push(byte);
            self.ones += byte.count_ones() as usize;
            self.len += count;
            if count < 8 {
                return;
            }
        }
    }

    pub fn clear(&mut self) {
        self.bytes.clear();
        self.len = 0;
        self.ones = 0;
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many bits are set.
    pub fn ones(&self) -> usize {
        self.ones
    }

    pub fn bits(&self) -> Bits<'_> {
        Bits::new(&self.bytes, 0)
    }

    /// The bitmap as validity: `AllValid` when every bit is set, so readers skip the checks.
    pub fn validity(&self) -> Validity<'_> {
        if self.ones == self.len {
            Validity::AllValid
        } else if self.ones == 0 {
            Validity::AllNull
        } else {
            Validity::Bits(self.bits())
        }
    }

    /// Moves the bits out as an Arrow buffer, leaving this empty.
    pub fn take_boolean_buffer(&mut self) -> BooleanBuffer {
        let len = self.len;
        self.len = 0;
        self.ones = 0;
        BooleanBuffer::new(Buffer::from_vec(std::mem::take(&mut self.bytes)), 0, len)
    }

    /// Moves the bits out as Arrow validity (`None` when all are set), leaving this empty.
    pub fn take_nulls(&mut self) -> Option<NullBuffer> {
        if self.ones == self.len {
            self.clear();
            None
        } else {
            Some(NullBuffer::new(self.take_boolean_buffer()))
        }
    }
}

/// The validity of an output buffer: a count while every value is valid (the usual case, which
/// then costs nothing per row), a bitmap from the first NULL on.
#[derive(Default, Debug, Clone)]
pub struct NullBuf {
    len: usize,
    bits: Option<BitBuf>,
}

impl NullBuf {
    #[inline]
    pub fn push_valid(&mut self) {
        self.len += 1;
        if let Some(bits) = &mut self.bits {
            bits.push(true);
        }
    }

    /// Appends the validity of `rows` rows.
    pub fn extend(&mut self, validity: Validity, rows: usize) {
        match (validity, &mut self.bits) {
            (Validity::AllValid, None) => self.len += rows,
            _ => (0..rows).for_each(|i| {
                if validity.is_valid(i) {
                    self.push_valid()
                } else {
                    self.push_null()
                }
            }),
        }
    }

    #[inline]
    pub fn push_null(&mut self) {
        let len = self.len;
        let bits = self.bits.get_or_insert_with(|| {
            let mut bits = BitBuf::default();
            bits.extend((0..len).map(|_| true));
            bits
        });
        bits.push(false);
        self.len += 1;
    }

    pub fn clear(&mut self) {
        self.len = 0;
        // The bitmap's buffer is kept, empty, for the next NULL.
        if let Some(bits) = &mut self.bits {
            bits.clear();
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    pub fn is_valid(&self, i: usize) -> bool {
        match &self.bits {
            Some(bits) if !bits.is_empty() => bits.bits().get(i),
            _ => true,
        }
    }

    pub fn validity(&self) -> Validity<'_> {
        match &self.bits {
            Some(bits) if !bits.is_empty() => bits.validity(),
            _ => Validity::AllValid,
        }
    }

    /// Moves the validity out as Arrow's (`None` when every value is valid), leaving this empty.
    pub fn take_nulls(&mut self) -> Option<NullBuffer> {
        self.len = 0;
        match &mut self.bits {
            Some(bits) if !bits.is_empty() => bits.take_nulls(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushes_and_reads_back() {
        let mut buf = BitBuf::default();
        let pattern: Vec<bool> = (0..19).map(|i| i % 3 != 0).collect();
        pattern.iter().for_each(|&b| buf.push(b));
        assert_eq!(buf.len(), 19);
        assert_eq!(buf.ones(), pattern.iter().filter(|&&b| b).count());
        for (i, &b) in pattern.iter().enumerate() {
            assert_eq!(buf.bits().get(i), b, "{i}");
            assert_eq!(buf.validity().is_valid(i), b, "{i}");
        }
        let arrow = buf.take_boolean_buffer();
        assert_eq!(arrow.iter().collect::<Vec<_>>(), pattern);
        assert!(buf.is_empty());
    }

    #[test]
    fn validity_costs_nothing_until_the_first_null() {
        let mut nulls = NullBuf::default();
        (0..5).for_each(|_| nulls.push_valid());
        assert!(nulls.bits.is_none());
        nulls.push_null();
        nulls.push_valid();
        assert_eq!(
            (0..7).map(|i| nulls.is_valid(i)).collect::<Vec<_>>(),
            [true, true, true, true, true, false, true]
        );
        let arrow = nulls.take_nulls().unwrap();
        assert_eq!(arrow.null_count(), 1);
        nulls.push_valid();
        assert!(matches!(nulls.validity(), Validity::AllValid));
    }

    #[test]
    fn all_set_is_all_valid() {
        let mut buf = BitBuf::default();
        (0..10).for_each(|_| buf.push(true));
        assert!(matches!(buf.validity(), Validity::AllValid));
        assert!(buf.take_nulls().is_none());
    }
}
