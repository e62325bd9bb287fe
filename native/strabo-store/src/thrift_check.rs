//! A check of a Parquet file's Thrift metadata (the footer, the page index and the page
//! headers) before the parquet crate decodes it.
//!
//! parquet 59.3 skips a field it does not know by its Thrift type, and counts the booleans of a
//! list or map as taking no bytes (in Thrift's compact protocol each takes one; parquet 60.2
//! fixes this, but its `parquet-geospatial` companion cannot be fetched here). A footer holding
//! an unknown list of 2^31 booleans therefore spins for seconds without reading anything, and
//! a list of such lists never ends (docs/reliability.md, bugs 23, 24 and 26). A known field, on
//! the other hand, is read by the type parquet expects, whatever type the bytes announce.
//!
//! So the check walks the bytes exactly as the parquet crate will: known fields by their
//! expected shape (and a field whose Thrift type differs is refused), unknown ones skipped by
//! their Thrift type, booleans in an unknown collection taking no byte. Booleans cost no
//! bytes but are counted: a well-formed file spends one byte on each, so more of them than
//! there are bytes is refused. Everything else consumes at least a byte per element, so the
//! parquet crate's walk over a checked input takes time linear in its size.

/// Refuses `footer` (a `FileMetaData`) when decoding it could spin or its structure is
/// malformed; says where.
pub fn footer(footer: &[u8]) -> Result<(), String> {
    check(footer, FILE_META_DATA, "footer")
}

/// The same for the column index of one column chunk (`ColumnIndex`).
pub fn column_index(bytes: &[u8]) -> Result<(), String> {
    check(bytes, COLUMN_INDEX, "column index")
}

/// The same for the offset index of one column chunk (`OffsetIndex`).
pub fn offset_index(bytes: &[u8]) -> Result<(), String> {
    check(bytes, OFFSET_INDEX, "offset index")
}

fn check(bytes: &[u8], shape: Shape, what: &str) -> Result<(), String> {
    let mut walk = Walk::new(bytes);
    walk.value(shape)
        .map_err(|e| format!("corrupt {what} at byte {}: {e}", walk.at))
}

/// Refuses the page header at the start of `bytes` as [`footer`] refuses a footer; otherwise
/// returns where the page after it ends (the header's length plus the page's size).
pub fn page_header(bytes: &[u8]) -> Result<u64, String> {
    let mut walk = Walk::new(bytes);
    let mut page_size = None;
    walk.fields(PAGE_HEADER, |walk, id, shape| match id {
        COMPRESSED_PAGE_SIZE => {
            let size = walk.i32()?;
            page_size = Some(u64::try_from(size).map_err(|_| format!("a page of {size} bytes"))?);
            Ok(())
        }
        _ => walk.value(shape),
    })
    .and_then(|()| page_size.ok_or_else(|| "no page size".to_string()))
    .map(|size| walk.at as u64 + size)
    .map_err(|e| format!("{e} (byte {} of the header)", walk.at))
}

/// Refuses a run of pages that starts at byte `start` of the file (a column chunk, or the
/// pages of one that a reader fetches) when [`page_header`] refuses one of their headers,
/// walking them as the parquet crate does without an offset index: each header, then its
/// page. A page that runs past the end is left to the parquet crate, which reads no header
/// after it.
pub fn pages(bytes: &[u8], start: u64) -> Result<(), String> {
    let mut at = 0u64;
    while let Some(rest) = bytes.get(at as usize..).filter(|rest| !rest.is_empty()) {
        at += page_header(rest)
            .map_err(|e| format!("corrupt page header at byte {}: {e}", start + at))?;
    }
    Ok(())
}

/// What the parquet crate (59.3, `file/metadata/thrift`, `page_index`) reads a field as.
/// Enums are `I32`; unions are structs whose fields are their variants.
#[derive(Clone, Copy)]
enum Shape {
    Bool,
    Byte,
    I16,
    I32,
    I64,
    Double,
    Binary,
    List(&'static Shape),
    Struct(&'static [(i16, Shape)]),
}

use Shape::{Binary, Bool, Byte, Double, List, Struct, I16, I32, I64};

const EMPTY: Shape = Struct(&[]);
const KEY_VALUE: Shape = Struct(&[(1, Binary), (2, Binary)]);
const TIME_UNIT: Shape = Struct(&[(1, EMPTY), (2, EMPTY), (3, EMPTY)]);
const TIMESTAMP_TYPE: Shape = Struct(&[(1, Bool), (2, TIME_UNIT)]);
const LOGICAL_TYPE: Shape = Struct(&[
    (1, EMPTY),
    (2, EMPTY),
    (3, EMPTY),
    (4, EMPTY),
    (5, Struct(&[(1, I32), (2, I32)])),
    (6, EMPTY),
    (7, TIMESTAMP_TYPE),
    (8, TIMESTAMP_TYPE),
    (10, Struct(&[(1, Byte), (2, Bool)])),
    (11, EMPTY),
    (12, EMPTY),
    (13, EMPTY),
    (14, EMPTY),
    (15, EMPTY),
    (16, Struct(&[(1, Byte)])),
    (17, Struct(&[(1, Binary)])),
    (18, Struct(&[(1, Binary), (2, I32)])),
]);
const SCHEMA_ELEMENT: Shape = Struct(&[
    (1, I32),
    (2, I32),
    (3, I32),
    (4, Binary),
    (5, I32),
    (6, I32),
    (7, I32),
    (8, I32),
    (9, I32),
    (10, LOGICAL_TYPE),
]);
const STATISTICS: Shape = Struct(&[
    (1, Binary),
    (2, Binary),
    (3, I64),
    (4, I64),
    (5, Binary),
    (6, Binary),
    (7, Bool),
    (8, Bool),
]);
const BOUNDING_BOX: Shape = Struct(&[
    (1, Double),
    (2, Double),
    (3, Double),
    (4, Double),
    (5, Double),
    (6, Double),
    (7, Double),
    (8, Double),
]);
const COLUMN_META_DATA: Shape = Struct(&[
    (1, I32),
    (2, List(&I32)),
    (3, List(&Binary)),
    (4, I32),
    (5, I64),
    (6, I64),
    (7, I64),
    (8, List(&KEY_VALUE)),
    (9, I64),
    (10, I64),
    (11, I64),
    (12, STATISTICS),
    (13, List(&Struct(&[(1, I32), (2, I32), (3, I32)]))),
    (14, I64),
    (15, I32),
    (16, Struct(&[(1, I64), (2, List(&I64)), (3, List(&I64))])),
    (17, Struct(&[(1, BOUNDING_BOX), (2, List(&I32))])),
]);
const COLUMN_CRYPTO_META_DATA: Shape =
    Struct(&[(1, EMPTY), (2, Struct(&[(1, List(&Binary)), (2, Binary)]))]);
const COLUMN_CHUNK: Shape = Struct(&[
    (1, Binary),
    (2, I64),
    (3, COLUMN_META_DATA),
    (4, I64),
    (5, I32),
    (6, I64),
    (7, I32),
    (8, COLUMN_CRYPTO_META_DATA),
    (9, Binary),
]);
const ROW_GROUP: Shape = Struct(&[
    (1, List(&COLUMN_CHUNK)),
    (2, I64),
    (3, I64),
    (4, List(&Struct(&[(1, I32), (2, Bool), (3, Bool)]))),
    (5, I64),
    (6, I64),
    (7, I16),
]);
const AES_GCM: Shape = Struct(&[(1, Binary), (2, Binary), (3, Bool)]);
const FILE_META_DATA: Shape = Struct(&[
    (1, I32),
    (2, List(&SCHEMA_ELEMENT)),
    (3, I64),
    (4, List(&ROW_GROUP)),
    (5, List(&KEY_VALUE)),
    (6, Binary),
    (7, List(&Struct(&[(1, EMPTY)]))),
    (8, Struct(&[(1, AES_GCM), (2, AES_GCM)])),
    (9, Binary),
]);
const COLUMN_INDEX: Shape = Struct(&[
    (1, List(&Bool)),
    (2, List(&Binary)),
    (3, List(&Binary)),
    (4, I32),
    (5, List(&I64)),
    (6, List(&I64)),
    (7, List(&I64)),
]);
const OFFSET_INDEX: Shape = Struct(&[
    (1, List(&Struct(&[(1, I64), (2, I32), (3, I64)]))),
    (2, List(&I64)),
]);
/// As the parquet crate reads page headers by default (`read_thrift_without_stats`): the
/// statistics of a data page (field 5 of either kind) are skipped as unknown fields.
const PAGE_HEADER: &[(i16, Shape)] = &[
    (1, I32),
    (2, I32),
    (COMPRESSED_PAGE_SIZE, I32),
    (4, I32),
    (5, Struct(&[(1, I32), (2, I32), (3, I32), (4, I32)])),
    (6, EMPTY),
    (7, Struct(&[(1, I32), (2, I32), (3, Bool)])),
    (
        8,
        Struct(&[
            (1, I32),
            (2, I32),
            (3, I32),
            (4, I32),
            (5, I32),
            (6, I32),
            (7, Bool),
        ]),
    ),
];
const COMPRESSED_PAGE_SIZE: i16 = 3;

/// Thrift compact types.
const STOP: u8 = 0;
const BOOLEAN_TRUE: u8 = 1;
const BOOLEAN_FALSE: u8 = 2;
const BYTE: u8 = 3;
const I16_TYPE: u8 = 4;
const I32_TYPE: u8 = 5;
const I64_TYPE: u8 = 6;
const DOUBLE: u8 = 7;
const BINARY: u8 = 8;
const LIST: u8 = 9;
const SET: u8 = 10;
const MAP: u8 = 11;
const STRUCT: u8 = 12;
const UUID: u8 = 13;

/// How deep the parquet crate skips an unknown value before it gives up.
const SKIP_DEPTH: u8 = 64;

impl Shape {
    fn thrift_type(self) -> u8 {
        match self {
            Bool => BOOLEAN_TRUE,
            Byte => BYTE,
            I16 => I16_TYPE,
            I32 => I32_TYPE,
            I64 => I64_TYPE,
            Double => DOUBLE,
            Binary => BINARY,
            List(_) => LIST,
            Struct(_) => STRUCT,
        }
    }

    /// Whether a field or element announced as `thrift_type` holds this shape.
    fn admits(self, thrift_type: u8) -> bool {
        match self {
            Bool => matches!(thrift_type, BOOLEAN_TRUE | BOOLEAN_FALSE),
            shape => shape.thrift_type() == thrift_type,
        }
    }
}

struct Walk<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Booleans in unknown collections, which the parquet crate skips without reading.
    unread_booleans: u64,
}

impl<'a> Walk<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Walk {
            bytes,
            at: 0,
            unread_booleans: 0,
        }
    }

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

    /// A varint as the parquet crate reads it; longer than 10 bytes is refused (parquet reads
    /// on, but no value needs more).
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

    fn size(&mut self) -> Result<u64, String> {
        let size = self.varint()?;
        i32::try_from(size).map_err(|_| format!("a size of {size}"))?;
        Ok(size)
    }

    /// A list or set header: its element type and size.
    fn list_header(&mut self) -> Result<(u8, u64), String> {
        let header = self.byte()?;
        if header == 0 {
            return Ok((BYTE, 0));
        }
        let element = header & 0x0f;
        if !(BOOLEAN_TRUE..=UUID).contains(&element) {
            return Err(format!("unknown element type {element}"));
        }
        let size = match header >> 4 {
            15 => self.size()?,
            size => u64::from(size),
        };
        Ok((element, size))
    }

    /// `count` elements that each take at least a byte.
    fn elements(&self, count: u64) -> Result<u64, String> {
        if count > self.left() as u64 {
            return Err(format!(
                "{count} elements claimed, {} bytes left",
                self.left()
            ));
        }
        Ok(count)
    }

    fn unread_booleans(&mut self, count: u64) -> Result<(), String> {
        self.unread_booleans += count;
        if self.unread_booleans > self.bytes.len() as u64 {
            return Err(format!(
                "{} booleans claimed in {} bytes",
                self.unread_booleans,
                self.bytes.len()
            ));
        }
        Ok(())
    }

    /// A field's header: its Thrift type and id, `None` at the end of the struct.
    fn field_header(&mut self, last_id: i16) -> Result<Option<(u8, i16)>, String> {
        let header = self.byte()?;
        let thrift_type = header & 0x0f;
        if thrift_type == STOP {
            return Ok(None);
        }
        if thrift_type > UUID {
            return Err(format!("unknown Thrift type {thrift_type}"));
        }
        let id = match header >> 4 {
            0 => self.zigzag()? as i16,
            delta => last_id
                .checked_add(i16::from(delta))
                .ok_or("a field id beyond i16")?,
        };
        Ok(Some((thrift_type, id)))
    }

    /// A value of a known shape; a boolean field's value is in its header.
    fn value(&mut self, shape: Shape) -> Result<(), String> {
        match shape {
            List(element) => {
                let (thrift_type, size) = self.list_header()?;
                if size > 0 && !element.admits(thrift_type) {
                    return Err(format!(
                        "a list of type {thrift_type} where {} is read",
                        element.thrift_type()
                    ));
                }
                for _ in 0..self.elements(size)? {
                    match element {
                        // Read as a byte each in a known list.
                        Bool => self.skip(1)?,
                        element => self.value(*element)?,
                    }
                }
                Ok(())
            }
            Struct(fields) => self.fields(fields, |walk, _, shape| walk.value(shape)),
            // A scalar is read as it is skipped.
            scalar => self.skip_unknown(scalar.thrift_type(), SKIP_DEPTH),
        }
    }

    /// A struct's fields, up to its end: each known one handed to `known` with its id and
    /// shape (once its Thrift type is seen to hold that shape), unknown ones skipped.
    fn fields(
        &mut self,
        fields: &[(i16, Shape)],
        mut known: impl FnMut(&mut Self, i16, Shape) -> Result<(), String>,
    ) -> Result<(), String> {
        let mut last_id = 0;
        while let Some((thrift_type, id)) = self.field_header(last_id)? {
            match fields.iter().find(|(field, _)| *field == id) {
                Some((_, shape)) if shape.admits(thrift_type) => known(self, id, *shape)?,
                Some((_, shape)) => {
                    return Err(format!(
                        "field {id} has Thrift type {thrift_type} where {} is read",
                        shape.thrift_type()
                    ))
                }
                None => self.skip_unknown(thrift_type, SKIP_DEPTH)?,
            }
            last_id = id;
        }
        Ok(())
    }

    /// A signed integer: a zigzag varint.
    fn zigzag(&mut self) -> Result<i64, String> {
        let zigzag = self.varint()?;
        Ok((zigzag >> 1) as i64 ^ -((zigzag & 1) as i64))
    }

    /// An `i32`; one beyond `i32` is refused (the parquet crate would truncate it).
    fn i32(&mut self) -> Result<i32, String> {
        let value = self.zigzag()?;
        i32::try_from(value).map_err(|_| format!("{value} where an i32 is read"))
    }

    /// A value the parquet crate skips by its Thrift type (`skip_till_depth`).
    fn skip_unknown(&mut self, thrift_type: u8, depth: u8) -> Result<(), String> {
        if depth == 0 {
            return Err("nested too deeply".into());
        }
        match thrift_type {
            BOOLEAN_TRUE | BOOLEAN_FALSE => Ok(()),
            BYTE => self.skip(1),
            I16_TYPE | I32_TYPE | I64_TYPE => self.varint().map(drop),
            DOUBLE => self.skip(8),
            BINARY => {
                let length = self.varint()?;
                self.skip(length)
            }
            LIST | SET => {
                let (element, size) = self.list_header()?;
                self.skip_elements(size, &[element], depth)
            }
            MAP => {
                let size = self.size()?;
                if size == 0 {
                    return Ok(());
                }
                let types = self.byte()?;
                let (key, value) = (types >> 4, types & 0x0f);
                for element in [key, value] {
                    if !(BOOLEAN_TRUE..=UUID).contains(&element) {
                        return Err(format!("unknown element type {element}"));
                    }
                }
                self.skip_elements(size, &[key, value], depth)
            }
            STRUCT => {
                while let Some((thrift_type, _)) = self.field_header(0)? {
                    self.skip_unknown(thrift_type, depth - 1)?;
                }
                Ok(())
            }
            UUID => self.skip(16),
            other => Err(format!("unknown Thrift type {other}")),
        }
    }

    /// `count` entries of an unknown collection, each one value of each of `types`.
    fn skip_elements(&mut self, count: u64, types: &[u8], depth: u8) -> Result<(), String> {
        let is_boolean = |t: &u8| matches!(*t, BOOLEAN_TRUE | BOOLEAN_FALSE);
        if types.iter().all(is_boolean) {
            return self.unread_booleans(count);
        }
        for _ in 0..self.elements(count)? {
            for &thrift_type in types {
                self.skip_unknown(thrift_type, depth - 1)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{column_index, footer, page_header, pages};

    /// A data page header: type 0, sizes 100 and 3 (field 3), then a data page header of 12
    /// values in encoding 0 with level encodings 3.
    const DATA_PAGE_HEADER: [u8; 18] = [
        0x15, 0x00, 0x15, 0xC8, 0x01, 0x15, 0x06, 0x2C, 0x15, 0x18, 0x15, 0x00, 0x15, 0x06, 0x15,
        0x06, 0x00, 0x00,
    ];

    #[test]
    fn an_unknown_list_of_more_booleans_than_bytes_is_refused() {
        // Field 10 (unknown) a list of 2^31 - 1 booleans, then the end of the struct.
        let bytes = [0xA9, 0xF1, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00];
        let error = footer(&bytes).unwrap_err();
        assert!(error.contains("2147483647 booleans claimed"), "{error}");
    }

    #[test]
    fn unknown_booleans_take_no_bytes_as_parquet_skips_them() {
        // Field 10 a list of two booleans: parquet reads none of the two bytes after the
        // header, so it meets them as field headers: 0x01 is field 0 (delta 0, a boolean)
        // with a full field id 0x00 to follow, then the struct ends.
        let bytes = [0xA9, 0x21, 0x01, 0x00, 0x00];
        footer(&bytes).unwrap();
    }

    #[test]
    fn a_known_field_of_another_type_is_refused() {
        // Field 3 (num_rows, an i64) announced as a list.
        let error = footer(&[0x39, 0x15, 0x02, 0x00]).unwrap_err();
        assert!(
            error.contains("field 3 has Thrift type 9 where 6 is read"),
            "{error}"
        );
    }

    #[test]
    fn well_formed_footers_and_indexes_pass() {
        // version 1, num_rows (field 3, delta 2) 5, then created_by (field 6) "ab".
        footer(&[0x15, 0x02, 0x26, 0x0A, 0x38, 0x02, b'a', b'b', 0x00]).unwrap();
        // null_pages [true, false], min and max values ["a"], boundary order 0.
        let index = [
            0x19, 0x21, 0x01, 0x02, 0x19, 0x18, 0x01, b'a', 0x19, 0x18, 0x01, b'a', 0x15, 0x00,
            0x00,
        ];
        column_index(&index).unwrap();
    }

    #[test]
    fn a_page_header_gives_where_its_page_ends() {
        assert_eq!(page_header(&DATA_PAGE_HEADER), Ok(18 + 3));
        // Two pages in a run, the second cut short: left to the parquet crate.
        let mut run = [&DATA_PAGE_HEADER[..], b"abc", &DATA_PAGE_HEADER[..], b"a"].concat();
        pages(&run, 100).unwrap();
        // A page that ends at a byte that is no header.
        run[21] = 0xFF;
        let error = pages(&run, 100).unwrap_err();
        assert!(
            error.starts_with("corrupt page header at byte 121: unknown Thrift type 15"),
            "{error}"
        );
    }

    #[test]
    fn page_headers_without_a_size_or_of_a_negative_one_are_refused() {
        // The compressed size (field 3) is -1, then absent.
        let mut header = DATA_PAGE_HEADER;
        header[6] = 0x01;
        let error = page_header(&header).unwrap_err();
        assert_eq!(error, "a page of -1 bytes (byte 7 of the header)");
        let error = page_header(&[0x15, 0x00, 0x15, 0x02, 0x00]).unwrap_err();
        assert_eq!(error, "no page size (byte 5 of the header)");
    }
}
