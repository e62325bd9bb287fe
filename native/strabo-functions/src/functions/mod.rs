//! One file per SQL function; this list is the registry.
use strabo_kernel::FunctionSpec;

/// How the containment predicates relate collections; a literal, so their docs can `concat!` it.
macro_rules! collections_doc {
    () => {
        " A collection is related as the union of its members, as GEOS 3.13 relates it (JTS, \
         and so GeoMesa and Sedona, refuse collections). One whose lines cross or touch its \
         own polygons is still located point by point, but whether it covers or contains a \
         line or a polygon raises `IllegalArgumentException`: the answer would need its \
         lines cut at constructed points."
    };
}

mod indexed;
mod prelude;
mod srid;

mod st_affine;
mod st_area;
mod st_as_binary;
mod st_as_ewkb;
mod st_as_ewkt;
mod st_as_geo_json;
mod st_as_gml;
mod st_as_hex_ewkb;
mod st_as_kml;
mod st_as_lat_lon_text;
mod st_as_text;
mod st_buffer;
mod st_collect;
mod st_collect_agg;
mod st_contains;
mod st_covered_by;
mod st_covers;
mod st_disjoint;
mod st_distance;
mod st_dump;
mod st_dwithin;
mod st_envelope;
mod st_extent;
mod st_geo_hash;
mod st_geom_from_ewkb;
mod st_geom_from_ewkt;
mod st_geom_from_geo_json;
mod st_geom_from_gml;
mod st_geom_from_wkb;
mod st_geom_from_wkt;
mod st_intersects;
mod st_length;
mod st_make_bbox;
mod st_make_line;
mod st_num_geometries;
mod st_num_points;
mod st_point;
mod st_set_srid;
mod st_srid;
mod st_transform;
mod st_union_aggr;
mod st_within;
mod st_x;
mod st_y;

static REGISTRY: &[FunctionSpec] = &[
    // Constructors
    st_geom_from_wkt::SPEC,
    st_geom_from_wkb::SPEC,
    st_geom_from_ewkt::SPEC,
    st_geom_from_ewkb::SPEC,
    st_geom_from_geo_json::SPEC,
    st_geom_from_gml::SPEC,
    st_point::SPEC,
    st_make_bbox::SPEC,
    st_make_line::SPEC,
    st_collect::SPEC,
    // Accessors
    st_x::SPEC,
    st_y::SPEC,
    st_num_points::SPEC,
    st_num_geometries::SPEC,
    st_envelope::SPEC,
    st_srid::SPEC,
    st_set_srid::SPEC,
    // Outputs
    st_as_text::SPEC,
    st_as_binary::SPEC,
    st_as_ewkt::SPEC,
    st_as_ewkb::SPEC,
    st_as_hex_ewkb::SPEC,
    st_as_geo_json::SPEC,
    st_as_gml::SPEC,
    st_as_kml::SPEC,
    st_as_lat_lon_text::SPEC,
    st_geo_hash::SPEC,
    // Measurements
    st_area::SPEC,
    st_length::SPEC,
    st_distance::SPEC,
    // Predicates
    st_contains::SPEC,
    st_within::SPEC,
    st_covers::SPEC,
    st_covered_by::SPEC,
    st_intersects::SPEC,
    st_disjoint::SPEC,
    st_dwithin::SPEC,
    // Processing
    st_buffer::SPEC,
    st_dump::SPEC,
    st_affine::SPEC,
    st_transform::SPEC,
    // Aggregates
    st_extent::SPEC,
    st_union_aggr::SPEC,
    st_collect_agg::SPEC,
];

/// Every SQL function Strabo documents, in documentation order.
pub fn registry() -> &'static [FunctionSpec] {
    REGISTRY
}
