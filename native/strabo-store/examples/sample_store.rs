//! Writes a small store for other readers to open: `cargo run --release -p strabo-store
//! --example sample_store -- <dir>`. It prints one line per feature type, the count of rows and
//! files.
//!
//! - `events`: points in EPSG:4326 with every attribute type, a dtg and a null geometry, in
//!   `daily,z2-2bits`;
//! - `cells`: one file of 64 squares in EPSG:3857 on an 8 × 8 grid, `flat`, in row groups of 8,
//!   so that a reader's pruning shows: the squares are sorted by XZ2, and each row group covers a
//!   compact block of the grid.
use std::sync::Arc;

use arrow_array::{
    ArrayRef, BinaryArray, BooleanArray, Date32Array, Float32Array, Float64Array, Int32Array,
    Int64Array, RecordBatch, StringArray, TimestampMicrosecondArray,
};
use strabo_columnar::types::GeomEncoding;
use strabo_store::{Attribute, AttributeKind, FeatureType, FileOptions, Store, WriteMode};

fn wkb(srid: i32, text: &str) -> Vec<u8> {
    let mut out = srid.to_le_bytes().to_vec();
    strabo_geom::write_wkb(
        &strabo_geom::wkt_codec::parse(text).expect("valid WKT"),
        &mut out,
    );
    out
}

fn attribute(name: &str, kind: AttributeKind) -> Attribute {
    Attribute {
        name: name.into(),
        kind,
    }
}

fn events() -> (FeatureType, RecordBatch) {
    let feature_type = FeatureType {
        name: "events".into(),
        attributes: vec![
            attribute("name", AttributeKind::String),
            attribute("count", AttributeKind::Int),
            attribute("big", AttributeKind::Long),
            attribute("ratio", AttributeKind::Float),
            attribute("score", AttributeKind::Double),
            attribute("flag", AttributeKind::Boolean),
            attribute("day", AttributeKind::Date),
            attribute("dtg", AttributeKind::Timestamp),
            attribute("payload", AttributeKind::Binary),
            attribute(
                "geom",
                AttributeKind::Geometry {
                    srid: 4326,
                    points: true,
                },
            ),
        ],
        dtg: Some("dtg".into()),
        scheme: "daily,z2-2bits".into(),
    };
    // 2024-01-01T00:00:00Z and the next day, in microseconds.
    let (jan_1, jan_2) = (1_704_067_200_000_000i64, 1_704_153_600_000_000i64);
    let columns: Vec<(&str, ArrayRef)> = vec![
        (
            "__fid__",
            Arc::new(StringArray::from(vec!["e1", "e2", "e3", "e4"])),
        ),
        (
            "name",
            Arc::new(StringArray::from(vec![
                Some("a"),
                None,
                Some("c"),
                Some("d"),
            ])),
        ),
        (
            "count",
            Arc::new(Int32Array::from(vec![Some(1), Some(2), None, Some(4)])),
        ),
        (
            "big",
            Arc::new(Int64Array::from(vec![
                Some(1 << 40),
                None,
                Some(-3),
                Some(0),
            ])),
        ),
        (
            "ratio",
            Arc::new(Float32Array::from(vec![
                Some(0.5),
                Some(1.5),
                None,
                Some(-2.0),
            ])),
        ),
        (
            "score",
            Arc::new(Float64Array::from(vec![
                None,
                Some(1e300),
                Some(-2.5),
                Some(0.0),
            ])),
        ),
        (
            "flag",
            Arc::new(BooleanArray::from(vec![
                Some(true),
                Some(false),
                None,
                Some(true),
            ])),
        ),
        (
            "day",
            Arc::new(Date32Array::from(vec![
                Some(19723),
                None,
                Some(0),
                Some(-1),
            ])),
        ),
        (
            "dtg",
            Arc::new(
                TimestampMicrosecondArray::from(vec![jan_1 + 1, jan_2 + 5, jan_1 + 7, jan_1 + 2])
                    .with_timezone("UTC"),
            ),
        ),
        (
            "payload",
            Arc::new(BinaryArray::from(vec![
                Some(&b"\x00\x01"[..]),
                None,
                Some(b""),
                Some(b"x"),
            ])),
        ),
        (
            "geom",
            Arc::new(BinaryArray::from(vec![
                Some(wkb(4326, "POINT(10 10)").as_slice()),
                Some(wkb(4326, "POINT(-100 -45)").as_slice()),
                None,
                Some(wkb(4326, "POINT(-120 -60)").as_slice()),
            ])),
        ),
    ];
    (
        feature_type,
        RecordBatch::try_from_iter(columns).expect("columns of one length"),
    )
}

fn cells() -> (FeatureType, RecordBatch) {
    let feature_type = FeatureType {
        name: "cells".into(),
        attributes: vec![
            attribute("cell", AttributeKind::String),
            attribute(
                "geom",
                AttributeKind::Geometry {
                    srid: 3857,
                    points: false,
                },
            ),
        ],
        dtg: None,
        scheme: "flat".into(),
    };
    let (mut ids, mut names, mut squares) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..8 {
        for j in 0..8 {
            let (x, y) = (i as f64 * 1000.0, j as f64 * 1000.0);
            ids.push(format!("c{i}{j}"));
            names.push(format!("{i},{j}"));
            squares.push(wkb(
                3857,
                &format!(
                    "POLYGON(({x} {y},{} {y},{} {},{x} {},{x} {y}))",
                    x + 900.0,
                    x + 900.0,
                    y + 900.0,
                    y + 900.0
                ),
            ));
        }
    }
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("__fid__", Arc::new(StringArray::from(ids))),
        ("cell", Arc::new(StringArray::from(names))),
        ("geom", Arc::new(BinaryArray::from_iter_values(squares))),
    ];
    (
        feature_type,
        RecordBatch::try_from_iter(columns).expect("columns of one length"),
    )
}

fn main() -> Result<(), strabo_store::StoreError> {
    let dir = std::env::args().nth(1).expect("usage: sample_store <dir>");
    let store = Store::open(&dir)?;
    for ((feature_type, batch), row_group_rows) in [(events(), 2), (cells(), 8)] {
        let files = store.write(
            &feature_type,
            &batch,
            GeomEncoding::SridWkb,
            FileOptions {
                row_group_rows,
                ..FileOptions::default()
            },
        )?;
        let read = store.snapshot(&feature_type.name).ok().map(|s| s.version);
        store.commit(&feature_type, WriteMode::Overwrite { read }, files)?;
        let snapshot = store.snapshot(&feature_type.name)?;
        println!(
            "{}: {} rows in {} files",
            feature_type.name,
            snapshot.rows(),
            snapshot.files.len()
        );
    }
    Ok(())
}
