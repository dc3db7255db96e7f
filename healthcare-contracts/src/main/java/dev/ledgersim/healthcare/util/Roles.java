package dev.ledgersim.healthcare.util;

import java.util.Set;

/**
 * The values of the certificate attribute {@code role} the suite recognises (HEALTHCARE.md §8.9), and
 * the groups the contracts decide by.
 */
public final class Roles {

    /** A patient: reads their own record, authorises and revokes doctors, manages consents. */
    public static final String PATIENT = "patient";
    /** A doctor: reads and appends to the records of patients who authorised them. */
    public static final String DOCTOR = "doctor";
    /** A nurse: a clinician of a hospital organisation. */
    public static final String NURSE = "nurse";
    /** A laboratory technician. */
    public static final String LABTECH = "labtech";
    /** A researcher: de-identified case data only. */
    public static final String RESEARCHER = "researcher";
    /** A regulator (supervisor, government health department): de-identified data and all usage records. */
    public static final String REGULATOR = "regulator";
    /** A hospital's administrative identity: registers patients, manages records (retention, purge). */
    public static final String HOSPITAL = "hospital";
    /** A cloud storage operator. */
    public static final String CLOUD = "cloud";

    /** Every recognised role (for membership tests only: not ordered). */
    public static final Set<String> ALL = Set.of(PATIENT, DOCTOR, NURSE, LABTECH, RESEARCHER, REGULATOR, HOSPITAL, CLOUD);

    /** The clinicians who may treat a patient and use break-glass (for membership tests only). */
    public static final Set<String> CLINICIANS = Set.of(DOCTOR, NURSE);

    private Roles() {
    }
}
