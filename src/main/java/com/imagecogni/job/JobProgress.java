package com.imagecogni.job;

import java.util.UUID;

import org.jboss.logging.Logger;

import com.imagecogni.pipeline.RenderProgress;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes a processing job's progress (sources finished, outputs written, of the totals) for {@code GET /jobs/{id}}: the
 * totals when rendering starts, then at most one write per {@link #INTERVAL_NANOS}, never per pixel row. The writes do
 * not hold up the worker (nobody waits for them) and are no-ops once the job has left {@code processing}.
 */
final class JobProgress implements RenderProgress {

    static final long INTERVAL_NANOS = 500_000_000L;
    private static final Logger LOG = Logger.getLogger(JobProgress.class);
    private static final String WRITE = """
            -- two writes may commit out of order on two connections: progress never goes back
            update job set sources_done = greatest(sources_done, $2), outputs_done = greatest(outputs_done, $3),
                           outputs_total = $4
             where id = $1 and status = 'processing'""";

    private static final String START = """
            update job set sources_done = 0, outputs_done = 0, outputs_total = $2 where id = $1 and status = 'processing'""";

    private final Pool pool;
    private final UUID jobId;
    private final int outputsTotal;
    private long lastWrite;

    JobProgress(Pool pool, UUID jobId, int outputsTotal) {
        this.pool = pool;
        this.jobId = jobId;
        this.outputsTotal = outputsTotal;
    }

    /** Writes "0 of the totals" (an earlier attempt's progress is reset): the job's outputs are known from here on. */
    JobProgress started() {
        send(START, Tuple.of(jobId, outputsTotal));
        return this;
    }

    @Override
    public void sourceDone(int sourcesDone, int outputsDone) {
        if (System.nanoTime() - lastWrite >= INTERVAL_NANOS) {
            write(sourcesDone, outputsDone);
        }
    }

    private void write(int sourcesDone, int outputsDone) {
        send(WRITE, Tuple.of(jobId, sourcesDone, outputsDone, outputsTotal));
    }

    private void send(String sql, Tuple args) {
        lastWrite = System.nanoTime();
        pool.preparedQuery(sql).execute(args).subscribe().with(ignored -> { },
                failure -> LOG.debugf("progress of job %s not written: %s", jobId, failure.getMessage()));
    }
}
