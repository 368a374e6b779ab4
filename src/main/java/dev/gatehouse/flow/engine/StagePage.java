package dev.gatehouse.flow.engine;

/**
 * One page a stage can show: the {@code component} it answers to, the records of its challenge and of the answer it
 * takes, and its jte template, which sits next to the challenge record ({@code dev/gatehouse/stage/password/
 * password.jte}) and takes {@code form} ({@link StageForm}) and {@code challenge}. A page without a template
 * (null) is answered by clients that do not need one (a redirect).
 */
public record StagePage(String component, Class<? extends Challenge> challenge, Class<? extends Record> response,
                        String template) {

    /** A page whose template is {@code file} in the challenge record's package directory. */
    public static StagePage of(String component, Class<? extends Challenge> challenge, Class<? extends Record> response,
                               String file) {
        return new StagePage(component, challenge, response,
                file == null ? null : challenge.getPackageName().replace('.', '/') + "/" + file);
    }
}
