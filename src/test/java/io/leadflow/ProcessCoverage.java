package io.leadflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The process coverage a process test class must reach: of every process it drives, this share of the elements (flow
 * nodes and sequence flows) must have been passed when the class has run. Read for each class by
 * {@link ProcessCoveragePerClass}, so that classes with different demands share one application context. A process
 * test class without it has its coverage reported, not asserted.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface ProcessCoverage {

  /** The share of elements passed, from 0 to 1; by default every one. */
  double atLeast() default 1.0;

  /**
   * Processes the class only passes through on the way, and timer-started ones that fall due while its tests move the
   * engine clock by months: they are another class's to cover, and do not count here.
   */
  String[] passedThrough() default {};
}
