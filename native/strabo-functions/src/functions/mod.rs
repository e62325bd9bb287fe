//! One file per SQL function; this list is the registry.
use crate::FunctionSpec;

mod kernels;
mod st_area;
mod st_as_binary;
mod st_as_text;
mod st_contains;
mod st_distance;
mod st_envelope;
mod st_geom_from_wkb;
mod st_geom_from_wkt;
mod st_intersects;
mod st_length;
mod st_make_bbox;
mod st_point;
mod st_set_srid;
mod st_srid;
mod st_within;
mod st_x;
mod st_y;

static REGISTRY: &[FunctionSpec] = &[
    // Constructors
    st_geom_from_wkt::SPEC,
    st_geom_from_wkb::SPEC,
    st_point::SPEC,
    st_make_bbox::SPEC,
    // Accessors
    st_x::SPEC,
    st_y::SPEC,
    st_envelope::SPEC,
    st_srid::SPEC,
    st_set_srid::SPEC,
    // Outputs
    st_as_text::SPEC,
    st_as_binary::SPEC,
    // Measurements
    st_area::SPEC,
    st_length::SPEC,
    st_distance::SPEC,
    // Predicates
    st_contains::SPEC,
    st_intersects::SPEC,
    st_within::SPEC,
];

/// Every SQL function Strabo documents, in documentation order.
pub fn registry() -> &'static [FunctionSpec] {
    REGISTRY
}
