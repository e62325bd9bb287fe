//! A check of a Parquet footer's Thrift structure before the parquet crate decodes it.
//!
//! parquet 59.3 skips a field it does not know by its Thrift type, and counts the booleans of a
//! list as taking no bytes (in Thrift's compact protocol each takes one). A footer holding an
//! unknown field that is a list of 2^31 booleans therefore spins for seconds without reading
//! anything, and one list of such lists never ends (docs/reliability.md, bug 23). Every
//! element of a list, set or map takes at least one byte, so no count may exceed the bytes
//! left: walking the structure once with that rule refuses such a footer in time linear in its
//! size, and accepts every well-formed one.

/// Thrift's nesting limit in the parquet crate, kept here too so that the walk is bounded.
const MAX_DEPTH: usize = 64;

/// Refuses `footer` (a `FileMetaData` in Thrift's compact protocol) when a list, set, map or
/// binary claims more bytes than remain, or the structure is malformed; says where.
pub fn check(footer: &[u8]) -> Result<(), String> {
    let mut walk = Walk {
        bytes: footer,
        at: 0,
    };
    walk.value(STRUCT, 0)
        .map_err(|e| format!("corrupt footer at byte {}: {e}", walk.at))
}

const BOOLEAN_TRUE: u8 = 1;
const BOOLEAN_FALSE: u8 = 2;
const STRUCT: u8 = 12;

struct Walk<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Walk<'_> {
    fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    fn byte(&mut self) -> Result<u8, String> {
        let byte = *self.bytes.get(self.at).ok_or("it ends early")?;
        self.at += 1;
        Ok(byte)
    }

    fn skip(&mut self, n: u64) -> Result<(), String> {
        if n > self.left() as u64 {
            return Err(format!("{n} bytes claimed, {} left", self.left()));
        }
        self.at += n as usize;
        Ok(())
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..70).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift.min(63);
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a varint longer than 10 bytes".into())
    }

    /// A count of elements that take at least `each` bytes.
    fn count(&mut self, count: u64, each: u64) -> Result<u64, String> {
        if count.saturating_mul(each) > self.left() as u64 {
            return Err(format!(
                "{count} elements claimed, {} bytes left",
                self.left()
            ));
        }
        Ok(count)
    }

    /// One value of compact type `kind` in a struct, where a boolean's field header holds it.
    fn value(&mut self, kind: u8, depth: usize) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Err("nested too deeply".into());
        }
        match kind {
            BOOLEAN_TRUE | BOOLEAN_FALSE => Ok(()),
            3 => self.skip(1),
            4..=6 => self.varint().map(drop),
            7 => self.skip(8),
            8 => {
                let length = self.varint()?;
                self.skip(length)
            }
            9 | 10 => {
                let header = self.byte()?;
                let element = header & 0x0f;
                let size = match header >> 4 {
                    15 => self.varint()?,
                    size => u64::from(size),
                };
                for _ in 0..self.count(size, 1)? {
                    self.element(element, depth)?;
                }
                Ok(())
            }
            11 => {
                let size = self.varint()?;
                if size > 0 {
                    let types = self.byte()?;
                    for _ in 0..self.count(size, 2)? {
                        self.element(types >> 4, depth)?;
                        self.element(types & 0x0f, depth)?;
                    }
                }
                Ok(())
            }
            STRUCT => loop {
                let header = self.byte()?;
                if header == 0 {
                    return Ok(());
                }
                if header >> 4 == 0 {
                    // A field id too far from the previous one follows as a zigzag varint.
                    self.varint()?;
                }
                self.value(header & 0x0f, depth + 1)?;
            },
            13 => self.skip(16),
            other => Err(format!("unknown Thrift type {other}")),
        }
    }

    /// An element of a list, set or map: a boolean takes a byte there.
    fn element(&mut self, kind: u8, depth: usize) -> Result<(), String> {
        match kind {
            BOOLEAN_TRUE | BOOLEAN_FALSE => self.skip(1),
            _ => self.value(kind, depth + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn a_list_of_booleans_longer_than_the_bytes_is_refused() {
        // A struct whose field 1 is a list of 2^31 - 1 booleans, then nothing.
        let footer = [0x19, 0xF1, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00];
        let error = check(&footer).unwrap_err();
        assert!(error.contains("2147483647 elements claimed"), "{error}");
    }

    #[test]
    fn well_formed_structures_pass() {
        // Field 1 an i32 (zigzag 5), field 2 a list of three booleans, field 3 a binary "ab",
        // field 4 true, then a nested struct with field 1 a double.
        let footer = [
            0x15, 0x0A, 0x19, 0x31, 0x01, 0x02, 0x01, 0x18, 0x02, b'a', b'b', 0x11, 0x1C, 0x17, 0,
            0, 0, 0, 0, 0, 0xF0, 0x3F, 0x00, 0x00,
        ];
        check(&footer).unwrap();
    }
}
