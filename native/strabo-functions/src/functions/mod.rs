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

/// How the geohash decoders read their precision; a literal, so their docs can `concat!` it.
macro_rules! geohash_precision_doc {
    () => {
        " `bits` counts bits, as GeoMesa's precision does; Sedona's and PostGIS's precision \
         counts characters, which is `bits` = 5 × characters here. Left out, the whole hash is \
         read. Upper case reads as lower case (GeoMesa refuses it). An empty hash, a character \
         outside the geohash alphabet, or `bits` outside 1 to 63 or beyond what the hash holds \
         raise `IllegalArgumentException` (GeoMesa pads a short hash with zero bits; Sedona \
         returns NULL for an invalid hash, and reads a precision beyond its length as the \
         whole hash)."
    };
}

/// How geohash neighbours are found; a literal, so their docs can `concat!` it.
macro_rules! neighbour_doc {
    () => {
        " East and west wrap around the antimeridian; north of the northernmost row and south \
         of the southernmost there is no cell (Sedona wraps the latitude too and gives a cell \
         at the other pole). Upper case reads as lower case. An empty hash, a character \
         outside the geohash alphabet, or more than 12 characters (as in Sedona) raise \
         `IllegalArgumentException`."
    };
}

mod indexed;
mod prelude;
mod srid;

mod st_affine;
mod st_area;
mod st_as_binary;
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
mod st_geo_hash_neighbor;
mod st_geo_hash_neighbors;
mod st_geom_coll_from_text;
mod st_geom_from_geo_hash;
mod st_geom_from_wkb;
mod st_geom_from_wkt;
mod st_h3_cell_distance;
mod st_h3_cell_ids;
mod st_h3_k_ring;
mod st_h3_to_geom;
mod st_h3_to_parent;
mod st_intersects;
mod st_length;
mod st_line_from_text;
mod st_m_line_from_text;
mod st_m_point_from_text;
mod st_m_poly_from_text;
mod st_make_bbox;
mod st_make_box2d;
mod st_make_envelope;
mod st_make_line;
mod st_make_point;
mod st_make_point_m;
mod st_make_polygon;
mod st_num_geometries;
mod st_num_points;
mod st_point;
mod st_point_from_geo_hash;
mod st_point_from_text;
mod st_point_from_wkb;
mod st_point_m;
mod st_point_z;
mod st_polygon_from_text;
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
    st_point_from_text::SPEC,
    st_line_from_text::SPEC,
    st_polygon_from_text::SPEC,
    st_m_point_from_text::SPEC,
    st_m_line_from_text::SPEC,
    st_m_poly_from_text::SPEC,
    st_geom_coll_from_text::SPEC,
    st_geom_from_wkb::SPEC,
    st_point_from_wkb::SPEC,
    st_point::SPEC,
    st_make_point::SPEC,
    st_point_z::SPEC,
    st_point_m::SPEC,
    st_make_point_m::SPEC,
    st_make_bbox::SPEC,
    st_make_envelope::SPEC,
    st_make_box2d::SPEC,
    st_make_line::SPEC,
    st_make_polygon::SPEC,
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
    // Grids
    st_geom_from_geo_hash::SPEC,
    st_point_from_geo_hash::SPEC,
    st_geo_hash_neighbors::SPEC,
    st_geo_hash_neighbor::SPEC,
    st_h3_cell_ids::SPEC,
    st_h3_to_geom::SPEC,
    st_h3_k_ring::SPEC,
    st_h3_cell_distance::SPEC,
    st_h3_to_parent::SPEC,
    // Aggregates
    st_extent::SPEC,
    st_union_aggr::SPEC,
    st_collect_agg::SPEC,
];

/// Every SQL function Strabo documents, in documentation order.
pub fn registry() -> &'static [FunctionSpec] {
    REGISTRY
}
