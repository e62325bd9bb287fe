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

/// How the predicates read off the DE-9IM matrix treat collections and invalid input.
macro_rules! relate_doc {
    () => {
        " A collection is related as the union of its members, as GEOS 3.13 relates it (JTS, \
         and so GeoMesa and Sedona, refuse collections). An invalid polygon (crossing rings, a \
         hole outside its shell) related to a line or an area raises \
         `IllegalArgumentException` where GEOS answers from its broken rings, and so does a \
         NaN or infinite coordinate, unless the bounding boxes are apart; points are still \
         located in an invalid polygon. Both geometries must have the same SRID."
    };
}

/// How the overlays compute, and what they refuse.
macro_rules! overlay_doc {
    () => {
        " Computed as GEOS 3.13's OverlayNG computes it: areas, then the lines no result area \
         covers (cut wherever linework met), then the points no line or area covers, typed as \
         GEOS types the result (one part, a multi-geometry, or a collection of mixed kinds). \
         Areas are computed on an integer grid of 2^30 steps across the polygons that overlap: \
         result vertices that are input vertices or crossings of input edges keep their exact \
         coordinates, others may move by a step, and a polygon narrower than 16 steps raises \
         `IllegalArgumentException` rather than be distorted. Polygons that are overlaid must \
         be valid (a ring may touch itself): others raise `IllegalArgumentException` naming the \
         problem (`st_makeValid` repairs them), where GEOS fails with a `TopologyException` or \
         answers wrongly; so do NaN and infinite coordinates. Results are GEOS's point sets, \
         written as `geo` writes them: polygon shells run counter-clockwise (clockwise in \
         GEOS), rings and lines may start at another end, and vertices between collinear \
         edges may be dropped; compare them with `st_equals`. An empty argument gives the \
         empty result GEOS types (`st_intersection` of `POLYGON EMPTY` and a point is `POINT \
         EMPTY`), where PostGIS returns the empty argument as it is. The result is 2D: Z and \
         M are dropped (PostGIS interpolates Z). PostGIS's `gridSize` argument is not \
         supported."
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
mod st_crosses;
mod st_difference;
mod st_disjoint;
mod st_distance;
mod st_dump;
mod st_dwithin;
mod st_envelope;
mod st_equals;
mod st_extent;
mod st_geo_hash;
mod st_geom_from_wkb;
mod st_geom_from_wkt;
mod st_intersection;
mod st_intersection_aggr;
mod st_intersects;
mod st_is_simple;
mod st_is_valid;
mod st_is_valid_reason;
mod st_length;
mod st_make_bbox;
mod st_make_line;
mod st_make_valid;
mod st_num_geometries;
mod st_num_points;
mod st_ordering_equals;
mod st_overlaps;
mod st_point;
mod st_reduce_precision;
mod st_relate;
mod st_relate_bool;
mod st_relate_match;
mod st_set_srid;
mod st_srid;
mod st_sym_difference;
mod st_touches;
mod st_transform;
mod st_unary_union;
mod st_union;
mod st_union_aggr;
mod st_within;
mod st_x;
mod st_y;

static REGISTRY: &[FunctionSpec] = &[
    // Constructors
    st_geom_from_wkt::SPEC,
    st_geom_from_wkb::SPEC,
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
    st_crosses::SPEC,
    st_overlaps::SPEC,
    st_touches::SPEC,
    st_equals::SPEC,
    st_ordering_equals::SPEC,
    st_relate::SPEC,
    st_relate_bool::SPEC,
    st_relate_match::SPEC,
    // Overlay
    st_intersection::SPEC,
    st_union::SPEC,
    st_difference::SPEC,
    st_sym_difference::SPEC,
    st_unary_union::SPEC,
    st_make_valid::SPEC,
    st_is_valid::SPEC,
    st_is_valid_reason::SPEC,
    st_is_simple::SPEC,
    st_reduce_precision::SPEC,
    // Processing
    st_buffer::SPEC,
    st_dump::SPEC,
    st_affine::SPEC,
    st_transform::SPEC,
    // Aggregates
    st_extent::SPEC,
    st_union_aggr::SPEC,
    st_intersection_aggr::SPEC,
    st_collect_agg::SPEC,
];

/// Every SQL function Strabo documents, in documentation order.
pub fn registry() -> &'static [FunctionSpec] {
    REGISTRY
}
