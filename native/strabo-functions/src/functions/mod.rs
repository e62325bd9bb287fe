//! One file per SQL function; this list is the registry.
use strabo_kernel::FunctionSpec;

/// How the containment predicates relate collections; a literal, so their docs can `concat!` it.
macro_rules! collections_doc {
    () => {
        " A collection is related as the union of its members, as GEOS 3.13 relates it (JTS, \
         and so GeoMesa and Sedona, refuse collections), lines crossing its own polygons \
         included: the answer is read off the exact DE-9IM matrix."
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
         edges may be dropped, and points come in the order they first appear (GEOS sorts \
         them); compare them with `st_equals`. An empty argument gives the \
         empty result GEOS types (`st_intersection` of `POLYGON EMPTY` and a point is `POINT \
         EMPTY`), where PostGIS returns the empty argument as it is. The result is 2D: Z and \
         M are dropped (PostGIS interpolates Z). PostGIS's `gridSize` argument is not \
         supported."
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

mod st_add_point;
mod st_affine;
mod st_aggregate_distance_sphere;
mod st_aggregate_distance_spheroid;
mod st_antimeridian_safe_geom;
mod st_area;
mod st_area_spheroid;
mod st_as_binary;
mod st_as_ewkb;
mod st_as_ewkt;
mod st_as_geo_json;
mod st_as_gml;
mod st_as_hex_ewkb;
mod st_as_kml;
mod st_as_lat_lon_text;
mod st_as_text;
mod st_azimuth;
mod st_boundary;
mod st_buffer;
mod st_buffer_point;
mod st_byte_array;
mod st_cast_to_geometry;
mod st_cast_to_line_string;
mod st_cast_to_point;
mod st_cast_to_polygon;
mod st_centroid;
mod st_closest_point;
mod st_collect;
mod st_collect_agg;
mod st_concave_hull;
mod st_contains;
mod st_convex_hull;
mod st_coord_dim;
mod st_covered_by;
mod st_covers;
mod st_crosses;
mod st_delaunay_triangles;
mod st_difference;
mod st_dimension;
mod st_disjoint;
mod st_distance;
mod st_distance_sphere;
mod st_distance_spheroid;
mod st_dump;
mod st_dwithin;
mod st_end_point;
mod st_envelope;
mod st_equals;
mod st_expand;
mod st_extent;
mod st_exterior_ring;
mod st_flip_coordinates;
mod st_force_2d;
mod st_frechet_distance;
mod st_geo_hash;
mod st_geo_hash_neighbor;
mod st_geo_hash_neighbors;
mod st_geom_coll_from_text;
mod st_geom_from_ewkb;
mod st_geom_from_ewkt;
mod st_geom_from_geo_hash;
mod st_geom_from_geo_json;
mod st_geom_from_gml;
mod st_geom_from_wkb;
mod st_geom_from_wkt;
mod st_geometry_n;
mod st_geometry_type;
mod st_h3_cell_distance;
mod st_h3_cell_ids;
mod st_h3_k_ring;
mod st_h3_to_geom;
mod st_h3_to_parent;
mod st_hausdorff_distance;
mod st_interior_ring_n;
mod st_intersection;
mod st_intersection_aggr;
mod st_intersects;
mod st_is_closed;
mod st_is_collection;
mod st_is_empty;
mod st_is_ring;
mod st_is_simple;
mod st_is_valid;
mod st_is_valid_reason;
mod st_knn;
mod st_length;
mod st_length_sphere;
mod st_length_spheroid;
mod st_line_from_text;
mod st_line_interpolate_point;
mod st_line_locate_point;
mod st_line_merge;
mod st_line_substring;
mod st_m;
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
mod st_make_valid;
mod st_max_distance;
mod st_n_rings;
mod st_normalize;
mod st_num_geometries;
mod st_num_interior_rings;
mod st_num_points;
mod st_ordering_equals;
mod st_overlaps;
mod st_perimeter;
mod st_point;
mod st_point_from_geo_hash;
mod st_point_from_text;
mod st_point_from_wkb;
mod st_point_m;
mod st_point_n;
mod st_point_on_surface;
mod st_point_z;
mod st_polygon_from_text;
mod st_reduce_precision;
mod st_relate;
mod st_relate_bool;
mod st_relate_match;
mod st_remove_point;
mod st_reverse;
mod st_rotate;
mod st_scale;
mod st_segmentize;
mod st_set_point;
mod st_set_srid;
mod st_shortest_line;
mod st_simplify;
mod st_simplify_preserve_topology;
mod st_snap;
mod st_srid;
mod st_start_point;
mod st_subdivide;
mod st_sym_difference;
mod st_touches;
mod st_transform;
mod st_translate;
mod st_unary_union;
mod st_union;
mod st_union_aggr;
mod st_voronoi_polygons;
mod st_within;
mod st_x;
mod st_x_max;
mod st_x_min;
mod st_y;
mod st_y_max;
mod st_y_min;
mod st_z;
mod st_z_max;
mod st_z_min;

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
    st_geom_from_ewkt::SPEC,
    st_geom_from_ewkb::SPEC,
    st_geom_from_geo_json::SPEC,
    st_geom_from_gml::SPEC,
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
    st_z::SPEC,
    st_m::SPEC,
    st_geometry_type::SPEC,
    st_coord_dim::SPEC,
    st_dimension::SPEC,
    st_is_empty::SPEC,
    st_is_collection::SPEC,
    st_is_closed::SPEC,
    st_is_ring::SPEC,
    st_num_points::SPEC,
    st_num_geometries::SPEC,
    st_geometry_n::SPEC,
    st_num_interior_rings::SPEC,
    st_n_rings::SPEC,
    st_exterior_ring::SPEC,
    st_interior_ring_n::SPEC,
    st_point_n::SPEC,
    st_start_point::SPEC,
    st_end_point::SPEC,
    st_envelope::SPEC,
    st_x_min::SPEC,
    st_x_max::SPEC,
    st_y_min::SPEC,
    st_y_max::SPEC,
    st_z_min::SPEC,
    st_z_max::SPEC,
    st_boundary::SPEC,
    st_srid::SPEC,
    st_set_srid::SPEC,
    // Casts
    st_cast_to_point::SPEC,
    st_cast_to_line_string::SPEC,
    st_cast_to_polygon::SPEC,
    st_cast_to_geometry::SPEC,
    st_byte_array::SPEC,
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
    st_perimeter::SPEC,
    st_length_sphere::SPEC,
    st_length_spheroid::SPEC,
    st_area_spheroid::SPEC,
    st_distance_sphere::SPEC,
    st_distance_spheroid::SPEC,
    st_aggregate_distance_sphere::SPEC,
    st_aggregate_distance_spheroid::SPEC,
    st_max_distance::SPEC,
    st_hausdorff_distance::SPEC,
    st_frechet_distance::SPEC,
    st_azimuth::SPEC,
    st_closest_point::SPEC,
    st_shortest_line::SPEC,
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
    st_knn::SPEC,
    st_is_simple::SPEC,
    st_reduce_precision::SPEC,
    // Processing
    st_buffer::SPEC,
    st_dump::SPEC,
    st_transform::SPEC,
    // Editing
    st_translate::SPEC,
    st_scale::SPEC,
    st_rotate::SPEC,
    st_affine::SPEC,
    st_flip_coordinates::SPEC,
    st_force_2d::SPEC,
    st_reverse::SPEC,
    st_normalize::SPEC,
    st_segmentize::SPEC,
    st_snap::SPEC,
    st_set_point::SPEC,
    st_add_point::SPEC,
    st_remove_point::SPEC,
    // Linear referencing
    st_line_interpolate_point::SPEC,
    st_line_locate_point::SPEC,
    st_line_substring::SPEC,
    st_line_merge::SPEC,
    st_simplify::SPEC,
    st_simplify_preserve_topology::SPEC,
    st_convex_hull::SPEC,
    st_concave_hull::SPEC,
    st_centroid::SPEC,
    st_point_on_surface::SPEC,
    st_voronoi_polygons::SPEC,
    st_delaunay_triangles::SPEC,
    st_subdivide::SPEC,
    st_expand::SPEC,
    st_buffer_point::SPEC,
    st_antimeridian_safe_geom::SPEC,
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
    st_intersection_aggr::SPEC,
    st_collect_agg::SPEC,
];

/// Every SQL function Strabo documents, in documentation order.
pub fn registry() -> &'static [FunctionSpec] {
    REGISTRY
}
