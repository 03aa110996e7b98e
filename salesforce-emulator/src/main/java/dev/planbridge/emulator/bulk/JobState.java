package dev.planbridge.emulator.bulk;

/** The documented Bulk API 2.0 job states (Job States, Bulk API 2.0 Developer Guide). */
public enum JobState {
    Open, UploadComplete, InProgress, JobComplete, Failed, Aborted;

    /** JobComplete, Failed and Aborted: nothing changes any more. */
    public boolean terminal() {
        return this == JobComplete || this == Failed || this == Aborted;
    }
}
