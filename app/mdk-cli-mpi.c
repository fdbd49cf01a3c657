/* mdk-cli-mpi.c: `medaka-cli run` over MPI (mdk-cli-mpi.h, docs/cluster.md)
 *
 * The protocol, all point to point with rank 0 except the first message:
 *   setup   rank 0 → all (broadcast): the experiment as JSON and the
 *           contents of the files its task reads; empty: nothing to do.
 *   hello   worker → 0: ready (its host and threads) or why not.
 *   chunk   0 → worker: generation, seed, the first genome's index in the
 *           batch and the packed genomes; the worker evaluates them with
 *           its threads and answers with
 *   result  worker → 0: their results, which is also its request for more.
 *   test    0 → worker: as a chunk, but parts of one genome's solution test
 *           (MdkTaskClass.test_part), answered with their numbers.
 *   stop    0 → worker: the run is over.
 * Chunks shrink as the batch runs out (guided scheduling), so a slow rank
 * never holds much of the generation, and each worker holds two, so that it
 * never waits for rank 0 between them; it sends its results without
 * waiting for them to arrive.  Rank 0 evaluates its own share in short
 * pieces on its threads and answers the workers between pieces; only its
 * main thread calls MPI (MPI_THREAD_FUNNELED).  A NEAT run's next batch
 * goes out as soon as tell () has made it, so that the workers evaluate
 * while rank 0 ends the generation; a solution test's parts go out as a
 * batch does, between.  Idle waits poll with a
 * growing sleep rather than spin: MPI's blocking calls busy-wait and would
 * take a core from evaluation.
 */
#define G_LOG_DOMAIN "medaka-cli"

#include "config.h"

#include "mdk-cli-mpi.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <mpi.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mdk-cli-common.h"
#include "mdk-neat.h"
#include "mdk-neat-params.h"
#include "mdk-json.h"
#include "mdk-run-state.h"

enum
{
  TAG_HELLO = 1,
  TAG_CHUNK,
  TAG_RESULT,
  TAG_FAILED,
  TAG_STOP,
  TAG_TEST,
};

typedef struct
{
  guint first;
  guint count;
} Range;

/* Chunks a worker holds at once: the next waits at the worker while it
 * evaluates one, so it never waits for rank 0's answer between chunks. */
#define IN_FLIGHT 2

/* What rank 0 hands out: a generation's batch of genomes, and the parts
 * of one genome's solution test, which go out while the next batch may be
 * out already. */
enum
{
  JOB_BATCH,
  JOB_TEST,
  N_JOBS
};

typedef struct
{
  guint        n;            /* genomes or test parts (expected, while made) */
  guint        made;         /* those made yet: a batch handed out early */
  gboolean     complete;     /* all made */
  guint        next;         /* the first not yet handed out */
  guint        done;
  guint        generation;
  GArray      *requeued;     /* Range: chunks of lost workers */
  double       item_time;    /* µs a thread of rank 0 takes for one, lately */
} Job;

typedef struct
{
  int          job;
  Range        range;
  GByteArray  *message;      /* being sent */
  MPI_Request  send;
} Flight;

typedef struct
{
  int          rank;
  char        *host;
  guint        threads;
  gboolean     lost;
  Flight       flights[IN_FLIGHT];   /* in the order sent */
  guint        n_flights;
  gint64       deadline;     /* monotonic µs, for the first flight's results */
} Worker;

struct _MdkCliMpi
{
  int          rank;
  int          size;
  gboolean     setup_sent;
  gboolean     failed;
  double       timeout;
  gboolean     local;        /* rank 0 evaluates too */
  Worker      *workers;      /* ranks 1 … size - 1 */
  guint        n_workers;
  guint64      sent_genomes;  /* to workers, and the bytes each way */
  guint64      sent_bytes;
  guint64      received_bytes;

  /* What is handed out (rank 0). */
  MdkRun              *run;
  const MdkOptimizer  *opt;
  const MdkTask       *task;
  Job                  jobs[N_JOBS];
  guint                all_threads;   /* of the ranks still evaluating */
  gconstpointer       *genomes;       /* the batch, while chunks of it go out */
  guint64              seed;
  GArray              *results;       /* MdkEvalResult: the batch's, until it is done */
  gint64               prefetched;    /* the generation handed out early, or -1 */
  gconstpointer        tested;        /* the test's genome … */
  GByteArray          *tested_packed;
  double              *parts;         /* … and its parts */
};

/* The longest sleep between two looks for a message, in µs: at most that
 * long for an idle rank to notice one (on the double pole, 250 µs left
 * rank 0 waiting 3.7 ms a generation, 50 µs 1 ms), for a few percent of a
 * core in wake-ups while it waits. */
#define MAX_PAUSE 50

/* How long rank 0 evaluates between two looks for messages, in µs: a look
 * costs it 2–3 µs, and on the double pole 100 µs ran 1.6 % slower, 400 µs
 * no faster. */
#define PIECE_TIME 200

/* Waits for a message from @source with @tag (MPI_ANY_… allowed) and returns
 * its status; FALSE on an MPI error, or once @deadline (monotonic µs, 0:
 * none) has passed. */
static gboolean
wait_message (int         source,
              int         tag,
              gint64      deadline,
              MPI_Status *status)
{
  gulong pause = 20;

  for (;;)
    {
      int flag = 0;

      if (MPI_Iprobe (source, tag, MPI_COMM_WORLD, &flag, status) != MPI_SUCCESS)
        return FALSE;
      if (flag)
        return TRUE;
      if (deadline > 0 && g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (pause);
      pause = MIN (pause * 2, MAX_PAUSE);
    }
}

/* The message @status announced, whole. */
static GBytes *
receive (const MPI_Status *status)
{
  int count = 0;
  guint8 *data;

  MPI_Get_count (status, MPI_BYTE, &count);
  data = g_malloc (MAX (count, 1));
  if (MPI_Recv (data, count, MPI_BYTE, status->MPI_SOURCE, status->MPI_TAG, MPI_COMM_WORLD,
                MPI_STATUS_IGNORE) != MPI_SUCCESS)
    {
      g_free (data);
      return NULL;
    }
  return g_bytes_new_take (data, count);
}

static void
send_bytes (int           dest,
            int           tag,
            gconstpointer data,
            gsize         len)
{
  MPI_Send (data, (int) len, MPI_BYTE, dest, tag, MPI_COMM_WORLD);
}

static char *
host_name (void)
{
  char name[MPI_MAX_PROCESSOR_NAME + 1] = { 0 };
  int len = 0;

  MPI_Get_processor_name (name, &len);
  return g_strndup (name, len);
}

MdkCliMpi *
mdk_cli_mpi_new (int     *argc,
                 char  ***argv,
                 GError **error)
{
  MdkCliMpi *mpi;
  int provided = 0;

  if (MPI_Init_thread (argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("MPI could not start"));
      return NULL;
    }
  /* A lost worker must be reported, not end the job from inside MPI. */
  MPI_Comm_set_errhandler (MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  mpi = g_new0 (MdkCliMpi, 1);
  MPI_Comm_rank (MPI_COMM_WORLD, &mpi->rank);
  MPI_Comm_size (MPI_COMM_WORLD, &mpi->size);
  for (guint j = 0; j < N_JOBS; j++)
    mpi->jobs[j].requeued = g_array_new (FALSE, FALSE, sizeof (Range));
  mpi->results = g_array_new (FALSE, TRUE, sizeof (MdkEvalResult));
  mpi->prefetched = -1;
  return mpi;
}

int
mdk_cli_mpi_get_rank (const MdkCliMpi *mpi)
{
  return mpi->rank;
}

gboolean
mdk_cli_mpi_failed (const MdkCliMpi *mpi)
{
  return mpi->failed;
}

/* Setup: the files a task reads, sent so that no node needs them */

static JsonObject *
object_member (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
add_task_files (JsonObject          *files,
                const MdkExperiment *e,
                GError             **error)
{
  for (guint i = 0; i < e->task_class->n_params; i++)
    {
      const MdkParamSpec *spec = &e->task_class->params[i];
      const char *path;
      g_autofree char *contents = NULL;
      g_autofree char *text = NULL;
      g_autofree char *name = NULL;
      JsonObject *file;
      gsize len = 0;

      if (!(spec->flags & MDK_PARAM_FLAG_FILE))
        continue;
      path = mdk_param_get_string (spec, e->task_params);
      if (path == NULL || path[0] == '\0')
        continue;
      if (!g_file_get_contents (path, &contents, &len, error))
        return FALSE;
      text = g_base64_encode ((const guchar *) contents, len);
      name = g_path_get_basename (path);
      file = json_object_new ();
      json_object_set_string_member (file, "name", name);
      json_object_set_string_member (file, "data", text);
      json_object_set_object_member (files, spec->id, file);
    }
  return TRUE;
}

/* The worker's copy of each file, in a new folder *@dir, replaces the path
 * in @e. */
static gboolean
write_task_files (JsonObject    *files,
                  MdkExperiment *e,
                  char         **dir,
                  GError       **error)
{
  for (guint i = 0; i < e->task_class->n_params; i++)
    {
      const MdkParamSpec *spec = &e->task_class->params[i];
      JsonObject *file = object_member (files, spec->id);
      g_autofree guchar *data = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      gsize len = 0;

      if (file == NULL)
        continue;
      if (*dir == NULL && (*dir = g_dir_make_tmp ("medaka-mpi-XXXXXX", error)) == NULL)
        return FALSE;
      data = g_base64_decode (json_object_get_string_member_with_default (file, "data", ""), &len);
      name = g_path_get_basename (json_object_get_string_member_with_default (file, "name", "data"));
      path = g_build_filename (*dir, name, NULL);
      if (!g_file_set_contents (path, (const char *) data, len, error))
        return FALSE;
      mdk_param_set_string (spec, e->task_params, path);
    }
  return TRUE;
}

static void
remove_task_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The worker */

typedef struct
{
  MdkTask      *task;
  MdkOptimizer *opt;
  MdkEvaluator *evaluator;
  guint         watchdog;           /* seconds a chunk may take here */
  int           fault_generation;   /* -1: none */
  gboolean      fault_hang;
} Setup;

static void
setup_clear (Setup *s)
{
  g_clear_pointer (&s->opt, mdk_optimizer_free);
  g_clear_pointer (&s->task, mdk_task_unref);
  g_clear_pointer (&s->evaluator, mdk_evaluator_free);
}

static gboolean
build_setup (MdkCliMpi  *mpi,
             GBytes     *message,
             char      **dir,
             Setup      *s,
             GError    **error)
{
  gsize len;
  const char *text = g_bytes_get_data (message, &len);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MdkExperiment) e = NULL;
  JsonObject *root, *experiment, *files, *fault;

  if (!json_parser_load_from_data (parser, text, len, error))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  experiment = object_member (root, "experiment");
  files = object_member (root, "files");
  if (experiment == NULL || files == NULL ||
      (e = mdk_run_state_experiment_from_json (experiment, error)) == NULL ||
      !write_task_files (files, e, dir, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "bad setup message");
      return FALSE;
    }
  s->task = mdk_task_new (e->task_class, e->task_params, error);
  if (s->task == NULL)
    return FALSE;
  s->opt = mdk_optimizer_new (e->optimizer_class, e->optimizer_params, s->task, e->seed, error);
  if (s->opt == NULL)
    return FALSE;
  s->evaluator = mdk_evaluator_new (e->threads);

  /* Rank 0 gives up on a chunk after the timeout and saves the run; a
   * worker still stuck in it after twice that ends itself, so that the
   * job ends even where a lost rank does not end it (mpirun
   * --enable-recovery). */
  s->watchdog = (guint) ceil (2 * json_object_get_double_member_with_default (root, "timeout", 300));
  fault = object_member (root, "fault");
  s->fault_generation = -1;
  if (fault != NULL && json_object_get_int_member (fault, "rank") == mpi->rank)
    {
      s->fault_generation = json_object_get_int_member (fault, "generation");
      s->fault_hang = json_object_get_boolean_member (fault, "hang");
    }
  return TRUE;
}

static void
send_hello (const Setup  *s,
            const GError *error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *host = host_name ();
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "host");
  json_builder_add_string_value (b, host);
  json_builder_set_member_name (b, "threads");
  json_builder_add_int_value (b, s->evaluator != NULL ? mdk_evaluator_get_threads (s->evaluator) : 0);
  json_builder_set_member_name (b, "error");
  if (error != NULL)
    json_builder_add_string_value (b, error->message);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  text = mdk_json_builder_to_data (b);
  send_bytes (0, TAG_HELLO, text, strlen (text));
}

/* The tests' failures: this rank dies or stops answering at its first
 * chunk from that generation on. */
static void
maybe_fail (const Setup *s,
            guint64      generation)
{
  if (s->fault_generation < 0 || generation < (guint64) s->fault_generation)
    return;
  if (!s->fault_hang)
    _exit (1);
  for (;;)
    g_usleep (G_USEC_PER_SEC);
}

/* Genomes @first … @first + @count - 1 of the batch from @in: evaluated,
 * their results into @reply. */
static gboolean
evaluate_genomes (const Setup   *s,
                  MdkByteReader *in,
                  guint64        generation,
                  guint64        seed,
                  guint          first,
                  guint          count,
                  GByteArray    *reply)
{
  g_autoptr(GPtrArray) genomes = g_ptr_array_new_full (count, s->opt->klass->free_genome);
  g_autofree MdkEvalResult *results = NULL;
  guint8 *p;

  for (guint i = 0; i < count; i++)
    {
      gpointer genome = s->opt->klass->unpack_genome (s->opt, in);

      if (genome == NULL)
        return FALSE;
      g_ptr_array_add (genomes, genome);
    }
  results = g_new0 (MdkEvalResult, count);
  mdk_evaluator_run_range (s->evaluator, s->opt, s->task, (gconstpointer *) genomes->pdata, count,
                           first, seed, generation, results);

  p = mdk_columns_grow (reply, 8 + count * (25 + 8 * s->task->n_behaviour));
  mdk_bytes_put_u32 (&p, first);
  mdk_bytes_put_u32 (&p, count);
  for (guint i = 0; i < count; i++)
    {
      mdk_bytes_put_double (&p, results[i].fitness);
      mdk_bytes_put_double (&p, results[i].train_metric);
      mdk_bytes_put_double (&p, results[i].test_metric);
      mdk_bytes_put_u8 (&p, results[i].solved ? 1 : 0);
      for (guint b = 0; b < s->task->n_behaviour; b++)
        mdk_bytes_put_double (&p, results[i].behaviour[b]);
    }
  return TRUE;
}

/* Parts @first … @first + @count - 1 of the solution test of the genome
 * in @in: their numbers into @reply. */
static gboolean
run_test_parts (const Setup   *s,
                MdkByteReader *in,
                guint          first,
                guint          count,
                GByteArray    *reply)
{
  const MdkTaskClass *klass = s->task->klass;
  g_autofree double *parts = NULL;
  gpointer genome;
  guint8 *p;

  if (klass->test_part == NULL || first > klass->n_test_parts || count > klass->n_test_parts - first ||
      (genome = s->opt->klass->unpack_genome (s->opt, in)) == NULL)
    return FALSE;
  parts = g_new (double, MAX (count, 1));
  mdk_evaluator_run_test_parts (s->evaluator, s->opt, s->task, genome, first, count, parts);
  s->opt->klass->free_genome (genome);

  p = mdk_columns_grow (reply, 8 + 8 * count);
  mdk_bytes_put_u32 (&p, first);
  mdk_bytes_put_u32 (&p, count);
  for (guint i = 0; i < count; i++)
    mdk_bytes_put_double (&p, parts[i]);
  return TRUE;
}

/* One chunk, of genomes or (@tag TAG_TEST) of test parts: unpacked, done,
 * the results packed; FALSE if the bytes are not a chunk. */
static gboolean
evaluate_chunk (const Setup *s,
                int          tag,
                GBytes      *message,
                GByteArray  *reply)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (message, &len);
  MdkByteReader in;
  guint64 generation, seed;
  guint first, count;
  gboolean ok;

  mdk_byte_reader_init (&in, data, len);
  generation = mdk_byte_reader_take (&in, MDK_COLUMN_U64);
  seed = mdk_byte_reader_take (&in, MDK_COLUMN_U64);
  first = mdk_byte_reader_take (&in, MDK_COLUMN_U32);
  count = mdk_byte_reader_take (&in, MDK_COLUMN_U32);
  if (in.failed || count > len)
    return FALSE;

  alarm (s->watchdog);
  maybe_fail (s, generation);
  if (tag == TAG_TEST)
    ok = run_test_parts (s, &in, first, count, reply);
  else
    ok = evaluate_genomes (s, &in, generation, seed, first, count, reply);
  alarm (0);
  return ok;
}

static GBytes *
receive_setup (void)
{
  guint64 len = 0;
  guint8 *data;

  MPI_Bcast (&len, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  if (len == 0)
    return NULL;
  data = g_malloc (len);
  MPI_Bcast (data, (int) len, MPI_BYTE, 0, MPI_COMM_WORLD);
  return g_bytes_new_take (data, len);
}

int
mdk_cli_mpi_serve (MdkCliMpi *mpi)
{
  g_autoptr(GBytes) setup_message = receive_setup ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  Setup s = { 0 };
  gboolean ok;
  GByteArray *sending = NULL;   /* the last results, until sent */
  MPI_Request sent = MPI_REQUEST_NULL;

  if (setup_message == NULL)
    return 0;   /* rank 0 stopped before the run */

  ok = build_setup (mpi, setup_message, &dir, &s, &error);
  send_hello (&s, ok ? NULL : error);

  while (ok)
    {
      MPI_Status status;
      g_autoptr(GBytes) message = NULL;
      g_autoptr(GByteArray) reply = NULL;

      if (!wait_message (0, MPI_ANY_TAG, 0, &status) || (message = receive (&status)) == NULL ||
          status.MPI_TAG == TAG_STOP)
        break;
      reply = g_byte_array_new ();
      if (!evaluate_chunk (&s, status.MPI_TAG, message, reply))
        {
          const char *what = "malformed chunk";
          send_bytes (0, TAG_FAILED, what, strlen (what));
          break;
        }
      /* The last results may still be on their way: rank 0 takes them
       * between pieces of its own share.  Waiting for them here, after a
       * whole chunk, costs nothing; a blocking send of 3 kB waited up to
       * 0.8 ms for rank 0 (50 ms of a 0.44 s run on the double pole). */
      MPI_Wait (&sent, MPI_STATUS_IGNORE);
      g_clear_pointer (&sending, g_byte_array_unref);
      sending = g_steal_pointer (&reply);
      MPI_Isend (sending->data, (int) sending->len, MPI_BYTE, 0, TAG_RESULT, MPI_COMM_WORLD, &sent);
    }
  MPI_Wait (&sent, MPI_STATUS_IGNORE);
  g_clear_pointer (&sending, g_byte_array_unref);
  setup_clear (&s);
  if (dir != NULL)
    remove_task_files (dir);
  return ok ? 0 : 1;
}

/* Rank 0: handing out a batch, or a test's parts */

static void
count_threads (MdkCliMpi *mpi)
{
  guint t = 0;

  if (mpi->local && mpi->run != NULL)
    t = mdk_evaluator_get_threads (mdk_run_get_evaluator (mpi->run));

  for (guint w = 0; w < mpi->n_workers; w++)
    if (!mpi->workers[w].lost)
      t += mpi->workers[w].threads;
  mpi->all_threads = MAX (t, 1);
}

/* The next chunk for @threads threads, of at most @max items: a lost
 * worker's chunk first, else a share of what is left that shrinks with it
 * (guided self-scheduling, Polychronopoulos & Kuck 1987), at least 2 per
 * thread.  A quarter of a thread's share rather than the classic half, as
 * each worker holds two chunks: on the double pole that took rank 0's wait
 * for the last chunks from 1.8 ms a generation to 0.1 ms.  Of a batch
 * still being made, only a whole chunk of what is made. */
static gboolean
take_range (MdkCliMpi *mpi,
            Job       *job,
            guint      threads,
            guint      max,
            Range     *range)
{
  guint left, count;

  if (job->requeued->len > 0)
    {
      *range = g_array_index (job->requeued, Range, job->requeued->len - 1);
      g_array_set_size (job->requeued, job->requeued->len - 1);
      return TRUE;
    }
  left = job->n - job->next;
  if (left == 0)
    return FALSE;
  count = MIN (MIN (MAX (left / (4 * mpi->all_threads), 2) * threads, max), left);
  if (job->next + count > job->made)
    return FALSE;
  range->first = job->next;
  range->count = count;
  job->next += range->count;
  return TRUE;
}

/* Rank 0's own share, a piece at a time: between pieces it answers the
 * workers, so a piece lasts about PIECE_TIME µs however long an item
 * takes (a genome a few µs to 0.7 ms on the double pole, where pieces of a
 * fixed count left a worker waiting for its next chunk).  FALSE when there
 * is nothing left to take. */
static gboolean
evaluate_piece (MdkCliMpi *mpi,
                int        j)
{
  MdkEvaluator *evaluator = mdk_run_get_evaluator (mpi->run);
  guint threads = mdk_evaluator_get_threads (evaluator);
  Job *job = &mpi->jobs[j];
  /* Near the end the workers' chunks are short: rank 0 answers sooner
   * (1.7 % faster on the double pole). */
  double piece = (job->n - job->next) / (4.0 * mpi->all_threads) * job->item_time < 2 * PIECE_TIME
                 ? PIECE_TIME / 4 : PIECE_TIME;
  guint per_thread = job->item_time > 0 ? (guint) (piece / job->item_time) : 1;
  gint64 start;
  Range r;

  if (!take_range (mpi, job, threads, CLAMP (per_thread, 1, job->n) * threads, &r))
    return FALSE;
  start = g_get_monotonic_time ();
  if (j == JOB_TEST)
    mdk_evaluator_run_test_parts (evaluator, mpi->opt, mpi->task, mpi->tested, r.first, r.count,
                                  mpi->parts + r.first);
  else
    mdk_evaluator_run_range (evaluator, mpi->opt, mpi->task, mpi->genomes + r.first, r.count,
                             r.first, mpi->seed, job->generation,
                             &g_array_index (mpi->results, MdkEvalResult, r.first));
  job->item_time = 0.75 * job->item_time +
                   0.25 * (double) (g_get_monotonic_time () - start) * threads / r.count;
  job->done += r.count;
  return TRUE;
}

static void
lose_worker (MdkCliMpi  *mpi,
             Worker     *w,
             const char *message)
{
  const Job *job = &mpi->jobs[w->n_flights > 0 ? w->flights[0].job : JOB_BATCH];

  /* TRANSLATORS: the first %s is a host name, the last says what happened */
  fprintf (stderr, _("medaka-cli: worker rank %d on %s failed in generation %u: %s\n"),
           w->rank, w->host ? w->host : "?", job->generation, message);
  fflush (stderr);
  mpi->failed = TRUE;
  for (guint i = 0; i < w->n_flights; i++)
    g_array_append_val (mpi->jobs[w->flights[i].job].requeued, w->flights[i].range);
  w->lost = TRUE;
  count_threads (mpi);
}

static void
send_chunk (MdkCliMpi *mpi,
            Worker    *w,
            int        j,
            Range      r)
{
  GByteArray *m = g_byte_array_new ();
  Flight *f = &w->flights[w->n_flights++];

  mdk_columns_put (m, MDK_COLUMN_U64, mpi->jobs[j].generation);
  mdk_columns_put (m, MDK_COLUMN_U64, mpi->seed);
  mdk_columns_put (m, MDK_COLUMN_U32, r.first);
  mdk_columns_put (m, MDK_COLUMN_U32, r.count);
  if (j == JOB_TEST)
    g_byte_array_append (m, mpi->tested_packed->data, mpi->tested_packed->len);
  else
    {
      for (guint i = r.first; i < r.first + r.count; i++)
        mpi->opt->klass->pack_genome (mpi->opt, mpi->genomes[i], m);
      mpi->sent_genomes += r.count;
      mpi->sent_bytes += m->len;
    }
  f->job = j;
  f->range = r;
  f->message = m;
  if (w->n_flights == 1)
    w->deadline = g_get_monotonic_time () + (gint64) (mpi->timeout * G_USEC_PER_SEC);
  if (MPI_Isend (m->data, (int) m->len, MPI_BYTE, w->rank, j == JOB_TEST ? TAG_TEST : TAG_CHUNK,
                 MPI_COMM_WORLD, &f->send) != MPI_SUCCESS)
    lose_worker (mpi, w, _("the chunk could not be sent"));
}

static gboolean
store_results (MdkCliMpi    *mpi,
               const Flight *flight,
               GBytes       *message)
{
  const Range *range = &flight->range;
  gsize len;
  const guint8 *data = g_bytes_get_data (message, &len);
  MdkByteReader in;

  if (mpi->run == NULL)
    return TRUE;   /* the run is over: the results are not wanted */
  mdk_byte_reader_init (&in, data, len);
  if (mdk_byte_reader_take (&in, MDK_COLUMN_U32) != range->first ||
      mdk_byte_reader_take (&in, MDK_COLUMN_U32) != range->count)
    return FALSE;
  if (flight->job == JOB_TEST)
    {
      for (guint i = range->first; i < range->first + range->count; i++)
        mpi->parts[i] = mdk_byte_reader_take_double (&in);
      return !in.failed && in.pos == len;
    }
  mpi->received_bytes += len;
  for (guint i = range->first; i < range->first + range->count; i++)
    {
      MdkEvalResult *r = &g_array_index (mpi->results, MdkEvalResult, i);

      memset (r, 0, sizeof *r);
      r->fitness = mdk_byte_reader_take_double (&in);
      r->train_metric = mdk_byte_reader_take_double (&in);
      r->test_metric = mdk_byte_reader_take_double (&in);
      r->solved = mdk_byte_reader_take (&in, MDK_COLUMN_U8) != 0;
      for (guint b = 0; b < mpi->task->n_behaviour; b++)
        r->behaviour[b] = mdk_byte_reader_take_double (&in);
    }
  return !in.failed && in.pos == len;
}

/* A message from @w: the results of its oldest chunk (MPI keeps a sender's
 * messages in order), or why it failed.  A lost worker's late answer is
 * dropped. */
static void
take_message (MdkCliMpi        *mpi,
              Worker           *w,
              const MPI_Status *status)
{
  g_autoptr(GBytes) message = receive (status);

  if (w->lost || w->n_flights == 0)
    return;
  if (message == NULL)
    lose_worker (mpi, w, _("MPI reported an error"));
  else if (status->MPI_TAG == TAG_FAILED)
    {
      g_autofree char *what = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
      lose_worker (mpi, w, what);
    }
  else if (status->MPI_TAG != TAG_RESULT || !store_results (mpi, &w->flights[0], message))
    lose_worker (mpi, w, _("its results were malformed"));
  else
    {
      Flight done = w->flights[0];

      MPI_Wait (&done.send, MPI_STATUS_IGNORE);
      g_byte_array_unref (done.message);
      memmove (&w->flights[0], &w->flights[1], sizeof (Flight) * (IN_FLIGHT - 1));
      w->n_flights--;
      w->deadline = g_get_monotonic_time () + (gint64) (mpi->timeout * G_USEC_PER_SEC);
      mpi->jobs[done.job].done += done.range.count;
    }
}

/* Everything that came, one probe per message whoever sent it, so that a
 * pass costs no more with a thousand ranks; TRUE if anything did. */
static gboolean
take_messages (MdkCliMpi *mpi)
{
  gboolean any = FALSE;

  for (;;)
    {
      MPI_Status status;
      int flag = 0;

      if (MPI_Iprobe (MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status) != MPI_SUCCESS ||
          !flag)
        return any;
      any = TRUE;
      if (status.MPI_SOURCE >= 1 && (guint) status.MPI_SOURCE <= mpi->n_workers)
        take_message (mpi, &mpi->workers[status.MPI_SOURCE - 1], &status);
      else
        g_bytes_unref (receive (&status));
    }
}

static void
check_deadlines (MdkCliMpi *mpi)
{
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; i < mpi->n_workers; i++)
    {
      Worker *w = &mpi->workers[i];

      if (!w->lost && w->n_flights > 0 && now > w->deadline)
        {
          g_autofree char *what = g_strdup_printf (_("no answer within %g s (--mpi-timeout)"),
                                                   mpi->timeout);
          lose_worker (mpi, w, what);
        }
    }
}

static gboolean
any_worker_left (const MdkCliMpi *mpi)
{
  for (guint w = 0; w < mpi->n_workers; w++)
    if (!mpi->workers[w].lost)
      return TRUE;
  return FALSE;
}

/* A new job of @n items; nothing goes out yet. */
static void
start_job (MdkCliMpi *mpi,
           int        j,
           guint      n,
           guint      generation)
{
  Job *job = &mpi->jobs[j];

  job->n = n;
  job->made = n;
  job->complete = TRUE;
  job->next = 0;
  job->done = 0;
  job->generation = generation;
  g_array_set_size (job->requeued, 0);
  count_threads (mpi);
}

/* Fills the workers' free places with chunks of job @j; TRUE if any went. */
static gboolean
send_chunks (MdkCliMpi *mpi,
             int        j)
{
  gboolean sent = FALSE;

  for (guint i = 0; i < mpi->n_workers; i++)
    {
      Worker *w = &mpi->workers[i];
      Range r;

      while (!w->lost && w->n_flights < IN_FLIGHT &&
             take_range (mpi, &mpi->jobs[j], w->threads, G_MAXUINT, &r))
        {
          send_chunk (mpi, w, j, r);
          sent = TRUE;
        }
    }
  return sent;
}

/* Hands out job @j until all of it is done, answering the workers between
 * pieces of rank 0's own share; results of the other job's chunks are
 * stored as they come. */
static void
hand_out (MdkCliMpi *mpi,
          int        j)
{
  Job *job = &mpi->jobs[j];
  gulong pause = 20;

  while (job->done < job->n)
    {
      gboolean busy = take_messages (mpi);

      check_deadlines (mpi);
      if (send_chunks (mpi, j))
        busy = TRUE;
      /* Rank 0 evaluates too, or alone what lost workers left. */
      if ((mpi->local || !any_worker_left (mpi)) && evaluate_piece (mpi, j))
        busy = TRUE;
      if (job->done == job->n)
        break;
      pause = busy ? 20 : MIN (pause * 2, MAX_PAUSE);
      if (!busy)
        g_usleep (pause);
    }
}

/* Waits for the results of every chunk still out (the next batch, when the
 * run stopped after handing it out), so that no worker is left sending. */
static void
wait_for_workers (MdkCliMpi *mpi)
{
  for (;;)
    {
      gboolean out = FALSE;

      take_messages (mpi);
      check_deadlines (mpi);
      for (guint i = 0; i < mpi->n_workers; i++)
        out |= !mpi->workers[i].lost && mpi->workers[i].n_flights > 0;
      if (!out)
        return;
      g_usleep (MAX_PAUSE);
    }
}

static void
begin_batch (MdkCliMpi *mpi,
             MdkRun    *run,
             guint      n,
             guint      generation)
{
  mpi->opt = mdk_run_get_optimizer (run);
  mpi->task = mdk_run_get_task (run);
  g_array_set_size (mpi->results, n);
  start_job (mpi, JOB_BATCH, n, generation);
}

/* The next batch, while NEAT makes it and once it is made: its first
 * chunks go out as soon as there are genomes enough, and the workers
 * evaluate them while rank 0 ends the generation (the rest of tell (), the
 * solution test, the statistics).  Until it is whole, the batch is
 * expected to be as large as the last. */
static void
prefetch_batch (MdkRun         *run,
                gconstpointer  *genomes,
                guint           n,
                gboolean        complete,
                guint64         seed,
                guint           generation,
                gpointer        user_data)
{
  MdkCliMpi *mpi = user_data;
  Job *job = &mpi->jobs[JOB_BATCH];

  if (mpi->prefetched != generation)
    {
      begin_batch (mpi, run, MAX (n, mpi->results->len), generation);
      mpi->prefetched = generation;
    }
  if (complete || n > job->n)
    {
      job->n = n;
      g_array_set_size (mpi->results, n);
    }
  job->made = n;
  job->complete = complete;
  mpi->genomes = genomes;
  mpi->seed = seed;
  send_chunks (mpi, JOB_BATCH);
  mpi->genomes = NULL;
}

static void
evaluate_batch (MdkRun         *run,
                gconstpointer  *genomes,
                guint           n,
                guint64         seed,
                MdkEvalResult  *results,
                gpointer        user_data)
{
  MdkCliMpi *mpi = user_data;
  const Job *job = &mpi->jobs[JOB_BATCH];
  guint generation = mdk_run_get_generation (run);

  if (mpi->prefetched != generation || !job->complete || job->n != n)
    {
      wait_for_workers (mpi);
      begin_batch (mpi, run, n, generation);
    }
  mpi->prefetched = -1;
  mpi->genomes = genomes;
  mpi->seed = seed;
  hand_out (mpi, JOB_BATCH);
  mpi->genomes = NULL;
  memcpy (results, mpi->results->data, n * sizeof *results);
}

/* The parts of a solution test (the double pole's 625 generalisation
 * starts) go round as a batch's genomes do, each chunk with the tested
 * genome. */
static void
run_test_parts_everywhere (MdkRun        *run,
                           gconstpointer  genome,
                           guint          n_parts,
                           double        *parts,
                           gpointer       user_data)
{
  MdkCliMpi *mpi = user_data;

  mpi->opt = mdk_run_get_optimizer (run);
  mpi->task = mdk_run_get_task (run);
  mpi->tested = genome;
  mpi->tested_packed = g_byte_array_new ();
  mpi->opt->klass->pack_genome (mpi->opt, genome, mpi->tested_packed);
  mpi->parts = parts;
  start_job (mpi, JOB_TEST, n_parts, mdk_run_get_generation (run));
  hand_out (mpi, JOB_TEST);
  mpi->tested = NULL;
  g_clear_pointer (&mpi->tested_packed, g_byte_array_unref);
}

/* Rank 0: setup */

static gboolean
parse_fault (const char  *spec,
             JsonObject  *setup,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", -1);
  guint64 rank, generation;

  if (g_strv_length (parts) != 3 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXINT, &rank, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT, &generation, NULL) ||
      (g_strcmp0 (parts[2], "exit") != 0 && g_strcmp0 (parts[2], "hang") != 0))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--mpi-fault expects RANK:GENERATION:exit or RANK:GENERATION:hang, not “%s”", spec);
      return FALSE;
    }
  {
    JsonObject *fault = json_object_new ();
    json_object_set_int_member (fault, "rank", (gint64) rank);
    json_object_set_int_member (fault, "generation", (gint64) generation);
    json_object_set_boolean_member (fault, "hang", g_strcmp0 (parts[2], "hang") == 0);
    json_object_set_object_member (setup, "fault", fault);
  }
  return TRUE;
}

static void
broadcast_setup (MdkCliMpi     *mpi,
                 gconstpointer  data,
                 guint64        len)
{
  MPI_Bcast (&len, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  if (len > 0)
    MPI_Bcast ((gpointer) data, (int) len, MPI_BYTE, 0, MPI_COMM_WORLD);
  mpi->setup_sent = TRUE;
}

/* Each worker's hello: its host and threads, or why it cannot work. */
static gboolean
receive_hellos (MdkCliMpi  *mpi,
                GError    **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (mpi->timeout * G_USEC_PER_SEC);

  for (guint i = 0; i < mpi->n_workers; i++)
    {
      Worker *w = &mpi->workers[i];
      MPI_Status status;
      g_autoptr(GBytes) message = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *hello;
      const char *failure;

      if (!wait_message (w->rank, TAG_HELLO, deadline, &status) ||
          (message = receive (&status)) == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       _("Worker rank %d did not answer within %g s (--mpi-timeout)"), w->rank, mpi->timeout);
          return FALSE;
        }
      if (!json_parser_load_from_data (parser, g_bytes_get_data (message, NULL),
                                       g_bytes_get_size (message), NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Worker rank %d did not answer as medaka-cli does"), w->rank);
          return FALSE;
        }
      hello = json_node_get_object (json_parser_get_root (parser));
      w->host = g_strdup (json_object_get_string_member_with_default (hello, "host", "?"));
      w->threads = MAX (1, json_object_get_int_member_with_default (hello, "threads", 1));
      failure = json_object_get_string_member_with_default (hello, "error", NULL);
      if (failure != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Worker rank %d on %s cannot take part: %s"), w->rank, w->host, failure);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
mdk_cli_mpi_start (MdkCliMpi              *mpi,
                   MdkRun                 *run,
                   const MdkCliMpiOptions *options,
                   GError                **error)
{
  const MdkExperiment *e = mdk_run_get_experiment (run);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  JsonObject *setup = json_object_new ();
  JsonObject *files = json_object_new ();
  g_autofree char *text = NULL;
  gsize len = 0;

  json_node_take_object (root, setup);
  json_object_set_member (setup, "experiment", mdk_run_state_experiment_to_json (e));
  json_object_set_object_member (setup, "files", files);
  json_object_set_double_member (setup, "timeout", options->timeout);
  if (e->optimizer_class->pack_genome == NULL || e->optimizer_class->unpack_genome == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The algorithm “%s” cannot evaluate over MPI"), e->optimizer_class->id);
      return FALSE;
    }
  /* Lamarckian backprop-NEAT writes the weights it learns into the genome
   * where it is evaluated: on a worker, that is a copy rank 0 never sees. */
  if (e->optimizer_class == &mdk_neat_class &&
      ((const MdkNeatParams *) e->optimizer_params)->backprop_steps > 0 &&
      ((const MdkNeatParams *) e->optimizer_params)->backprop_inheritance == MDK_NEAT_INHERIT_LAMARCKIAN)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Backprop-NEAT with Lamarckian inheritance cannot evaluate over MPI yet: "
                             "run it in one process, or choose Baldwinian inheritance"));
      return FALSE;
    }
  if (!add_task_files (files, e, error) ||
      (options->fault != NULL && !parse_fault (options->fault, setup, error)))
    return FALSE;

  mpi->run = run;
  mpi->timeout = options->timeout;
  mpi->local = !options->no_local;
  mpi->n_workers = mpi->size - 1;
  mpi->workers = g_new0 (Worker, mpi->n_workers);
  for (guint i = 0; i < mpi->n_workers; i++)
    {
      mpi->workers[i].rank = (int) i + 1;
    }

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);
  broadcast_setup (mpi, text, len);
  if (!receive_hellos (mpi, error))
    {
      mpi->failed = TRUE;
      return FALSE;
    }
  mdk_run_set_evaluate_func (run, evaluate_batch, mpi);
  mdk_run_set_prefetch_func (run, prefetch_batch, mpi);
  mdk_run_set_test_parts_func (run, run_test_parts_everywhere, mpi);
  return TRUE;
}

/* Rank 0, for the summary: ranks and traffic (chunk headers included);
 * NULL alone. */
char *
mdk_cli_mpi_describe (const MdkCliMpi *mpi)
{
  double n = MAX (mpi->sent_genomes, 1);

  if (mpi->size < 2)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "MPI: %d rank; %.0f bytes per genome to the workers, %.0f back",
                                       "MPI: %d ranks; %.0f bytes per genome to the workers, %.0f back",
                                       mpi->size),
                          mpi->size, mpi->sent_bytes / n, mpi->received_bytes / n);
}

int
mdk_cli_mpi_finish (MdkCliMpi *mpi,
                    int        status)
{
  /* Under mpirun --enable-recovery a lost rank leaves the job running,
   * and MPI_Abort would end this rank only: the workers left are stopped,
   * and a hung one ends itself (its watchdog).  Otherwise MPI_Abort ends
   * the job, a hung worker included, which MPI_Finalize would wait for. */
  gboolean recovery = g_strcmp0 (g_getenv ("OMPI_MCA_orte_enable_recovery"), "1") == 0;
  gboolean abort_job;

  if (mpi->rank == 0 && !mpi->setup_sent)
    broadcast_setup (mpi, NULL, 0);
  /* The chunks of a batch handed out early, for a generation that never
   * came: their results must be taken before the workers can stop. */
  mpi->run = NULL;
  if (mpi->rank == 0 && (!mpi->failed || recovery))
    wait_for_workers (mpi);
  abort_job = mpi->failed && !recovery;
  if (abort_job)
    {
      fflush (stdout);
      fflush (stderr);
      MPI_Abort (MPI_COMM_WORLD, MDK_CLI_EXIT_WORKER_FAILED);
    }
  for (guint i = 0; i < mpi->n_workers; i++)
    {
      Worker *w = &mpi->workers[i];

      /* A lost worker's sends may never end: their buffers are left. */
      if (!w->lost)
        send_bytes (w->rank, TAG_STOP, NULL, 0);
      for (guint f = 0; w->lost && f < w->n_flights; f++)
        MPI_Request_free (&w->flights[f].send);
      g_free (w->host);
    }
  if (mpi->failed)
    status = MDK_CLI_EXIT_WORKER_FAILED;
  g_free (mpi->workers);
  for (guint j = 0; j < N_JOBS; j++)
    g_array_unref (mpi->jobs[j].requeued);
  g_array_unref (mpi->results);
  g_free (mpi);
  MPI_Finalize ();
  return status;
}
