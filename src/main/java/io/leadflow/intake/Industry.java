package io.leadflow.intake;

/** The lead's company's industry. The names are used in the decision tables (dmn/). */
public enum Industry {
  SOFTWARE,
  FINANCIAL_SERVICES,
  MANUFACTURING,
  HEALTHCARE,
  RETAIL,
  TELECOMMUNICATIONS,
  ENERGY,
  PUBLIC_SECTOR,
  EDUCATION,
  PROFESSIONAL_SERVICES,
  MEDIA,
  OTHER
}
