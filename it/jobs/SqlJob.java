import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The Java job of test_spark_submit.py: Strabo SQL from a JVM application. */
public final class SqlJob {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("strabo-java-job").getOrCreate();
    String square = "st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0))')";
    Row row =
        spark
            .sql("SELECT st_area(" + square + "), st_contains(" + square + ", st_point(1.0, 2.0))")
            .first();
    System.out.println("RESULT area=" + row.getDouble(0));
    System.out.println("RESULT contains=" + row.getBoolean(1));
    Row total =
        spark.sql("SELECT sum(st_length(st_makeBBOX(0, 0, id, 1))) FROM range(1, 11, 1, 2)").first();
    System.out.println("RESULT distributed_length=" + total.getDouble(0));
    spark.stop();
  }
}
