package io.wharf.config;

/**
 * A configuration or users file that cannot be used, with a message meant for the operator as is.
 *
 * <p>The message is {@code "<file>:<line>: <key>: <problem>"}, for example
 * {@code "wharf.yaml:12: listeners[0].port: 70000 is out of range 0-65535"}. The line and the key are left out
 * when there is none: {@code "wharf.yaml: file not found"}, {@code "wharf.yaml:3: invalid YAML: ..."}. The file
 * is the path exactly as given to the loader. Callers print {@link #getMessage()} and exit; they never need the
 * stack trace.
 */
public final class ConfigException extends Exception {

    private final String file;
    private final int line;
    private final String key;
    private final String problem;

    /**
     * @param file    the file name as given by the caller
     * @param line    the 1-based line, or 0 if the problem is not at a line
     * @param key     the dotted key path, such as {@code listeners[0].passive.ports}, or {@code null}
     * @param problem what is wrong, phrased for an operator
     */
    public ConfigException(String file, int line, String key, String problem) {
        this(file, line, key, problem, null);
    }

    /**
     * @param file    the file name as given by the caller
     * @param line    the 1-based line, or 0 if the problem is not at a line
     * @param key     the dotted key path, or {@code null}
     * @param problem what is wrong, phrased for an operator
     * @param cause   the underlying failure, kept for debugging, or {@code null}
     */
    public ConfigException(String file, int line, String key, String problem, Throwable cause) {
        super(format(file, line, key, problem), cause);
        this.file = file;
        this.line = line;
        this.key = key;
        this.problem = problem;
    }

    /**
     * @return the file name exactly as given to the loader
     */
    public String file() {
        return file;
    }

    /**
     * @return the 1-based line of the offending value (or of the key, for unknown and duplicate keys), or 0
     */
    public int line() {
        return line;
    }

    /**
     * @return the dotted key path such as {@code limits.idle-timeout}, or {@code null} if the problem has no key
     */
    public String key() {
        return key;
    }

    /**
     * @return the problem alone, without the file, line and key
     */
    public String problem() {
        return problem;
    }

    private static String format(String file, int line, String key, String problem) {
        StringBuilder message = new StringBuilder(file);
        if (line > 0) {
            message.append(':').append(line);
        }
        message.append(": ");
        if (key != null) {
            message.append(key).append(": ");
        }
        return message.append(problem).toString();
    }
}
