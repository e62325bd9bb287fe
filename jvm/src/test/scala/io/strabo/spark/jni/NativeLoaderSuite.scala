package io.strabo.spark.jni

import java.nio.file.{Files, Path}
import java.util.concurrent.{CountDownLatch, Executors, TimeUnit}

import scala.jdk.CollectionConverters._
import scala.sys.process._

import org.scalatest.funsuite.AnyFunSuite

class NativeLoaderSuite extends AnyFunSuite {

  test("maps os.name and os.arch to the jar's platform directories") {
    assert(NativeLoader.platform("Linux", "amd64") == "linux/amd64")
    assert(NativeLoader.platform("Linux", "x86_64") == "linux/amd64")
    assert(NativeLoader.platform("Linux", "aarch64") == "linux/aarch64")
    assert(NativeLoader.platform("Mac OS X", "aarch64") == "darwin/aarch64")
    assert(NativeLoader.platform("Mac OS X", "x86_64") == "darwin/x86_64")
  }

  test("an unsupported platform gets an error that names it") {
    val error = intercept[UnsupportedOperationException](NativeLoader.platform("Windows 11", "amd64"))
    assert(error.getMessage.contains("os.name=Windows 11, os.arch=amd64"))
    assert(error.getMessage.contains("linux/amd64"), "lists what the jar carries")
    val ppc = intercept[UnsupportedOperationException](NativeLoader.platform("Linux", "ppc64le"))
    assert(ppc.getMessage.contains("os.arch=ppc64le"))
  }

  test("the jar carries the library of the platform it was built on") {
    val here = NativeLoader.platform(System.getProperty("os.name"), System.getProperty("os.arch"))
    assert(NativeLoader.bundledPlatforms().asScala.contains(here))
  }

  test("fresh JVMs load it concurrently: many threads each, two processes sharing one directory") {
    val tmp = Files.createTempDirectory("strabo-loader-test")
    val java = Path.of(System.getProperty("java.home"), "bin", "java").toString
    val command = Seq(java, "-cp", System.getProperty("java.class.path"), s"-Djava.io.tmpdir=$tmp",
      "io.strabo.spark.jni.ConcurrentLoadProbe")
    val processes = (1 to 2).map(_ => Process(command).run(ProcessLogger(_ => (), System.err.println)))
    assert(processes.map(_.exitValue()) == Seq(0, 0))
    val extracted = Files.list(tmp.resolve(s"strabo-${System.getProperty("user.name")}")).iterator().asScala.toSeq
    assert(extracted.count(_.getFileName.toString.endsWith(".so")) == 1, extracted)
    assert(!extracted.exists(_.getFileName.toString.endsWith(".tmp")), extracted)
  }
}

/** Run in a fresh JVM: 16 threads race to make the first native call. */
object ConcurrentLoadProbe {
  def main(args: Array[String]): Unit = {
    val threads = 16
    val pool = Executors.newFixedThreadPool(threads)
    val start = new CountDownLatch(1)
    val results = (1 to threads).map(_ => pool.submit(() => { start.await(); StraboNative.registryJson() }))
    start.countDown()
    val registries = results.map(_.get(60, TimeUnit.SECONDS))
    pool.shutdown()
    require(registries.forall(r => r.contains("st_contains")), "every thread got the registry")
  }
}
