#define G_LOG_DOMAIN "medaka-core"
#define _GNU_SOURCE   /* pthread_setname_np */

#include "config.h"

#include "mdk-evaluator.h"

#ifdef __linux__
#include <pthread.h>
#endif

typedef struct
{
  MdkEvaluator *evaluator;
  MdkNetwork   *net;
  MdkNetwork   *test_net;  /* for test parts, made on first use … */
  gboolean      decoded;   /* … and the tested genome's in this batch */
} Worker;

struct _MdkEvaluator
{
  guint        n_threads;
  GThreadPool *pool;
  Worker      *workers;

  /* The batch being evaluated. */
  const MdkOptimizer *opt;
  const MdkTask      *task;
  gconstpointer      *genomes;
  guint               n_genomes;
  guint64             seed;
  guint64             generation;
  MdkEvalResult      *results;
  gconstpointer       tested;    /* or the genome whose test parts these are … */
  double             *parts;     /* … and where they go */
  guint               first;     /* stream index of genomes[0], or the first part */
  guint               chunk;
  gint                next;      /* atomic: next genome index to take */
  guint               pending;   /* workers still running, under lock */
  GMutex              lock;
  GCond               done;
};

static void
evaluate_range (Worker *worker,
                guint   begin,
                guint   end)
{
  MdkEvaluator *ev = worker->evaluator;

  if (ev->tested != NULL)
    {
      if (!worker->decoded)
        {
          if (worker->test_net == NULL)
            worker->test_net = mdk_network_new ();
          mdk_optimizer_decode (ev->opt, ev->tested, worker->test_net);
          worker->decoded = TRUE;
        }
      for (guint i = begin; i < end; i++)
        ev->parts[i] = ev->task->klass->test_part (ev->task, worker->test_net, ev->first + i);
      return;
    }
  for (guint i = begin; i < end; i++)
    {
      MdkRng rng;

      mdk_rng_init_stream (&rng, ev->seed, ev->generation, ev->first + i);
      mdk_optimizer_evaluate (ev->opt, ev->genomes[i], worker->net, ev->task, &rng,
                              &ev->results[i]);
    }
}

static void
worker_main (gpointer data,
             gpointer user_data)
{
  Worker *worker = data;
  MdkEvaluator *ev = worker->evaluator;

#ifdef __linux__
  /* The studio tells evaluation from its own work by thread name
   * (ui/mdk-ui-pace.c); it also shows in top -H. */
  pthread_setname_np (pthread_self (), "medaka-eval");
#endif
  for (;;)
    {
      guint begin = (guint) g_atomic_int_add (&ev->next, (gint) ev->chunk);
      if (begin >= ev->n_genomes)
        break;
      evaluate_range (worker, begin, MIN (begin + ev->chunk, ev->n_genomes));
    }

  g_mutex_lock (&ev->lock);
  if (--ev->pending == 0)
    g_cond_signal (&ev->done);
  g_mutex_unlock (&ev->lock);
}

MdkEvaluator *
mdk_evaluator_new (guint n_threads)
{
  MdkEvaluator *ev = g_new0 (MdkEvaluator, 1);

  mdk_blas_use_one_thread ();
  ev->n_threads = n_threads > 0 ? n_threads : g_get_num_processors ();
  ev->workers = g_new0 (Worker, ev->n_threads);
  for (guint t = 0; t < ev->n_threads; t++)
    {
      ev->workers[t].evaluator = ev;
      ev->workers[t].net = mdk_network_new ();
    }
  g_mutex_init (&ev->lock);
  g_cond_init (&ev->done);
  /* One thread evaluates inline: no pool, no hand-off cost. */
  if (ev->n_threads > 1)
    ev->pool = g_thread_pool_new (worker_main, NULL, ev->n_threads, TRUE, NULL);
  return ev;
}

void
mdk_evaluator_free (MdkEvaluator *ev)
{
  if (ev == NULL)
    return;
  if (ev->pool != NULL)
    g_thread_pool_free (ev->pool, FALSE, TRUE);
  for (guint t = 0; t < ev->n_threads; t++)
    {
      mdk_network_free (ev->workers[t].net);
      mdk_network_free (ev->workers[t].test_net);
    }
  g_free (ev->workers);
  g_mutex_clear (&ev->lock);
  g_cond_clear (&ev->done);
  g_free (ev);
}

guint
mdk_evaluator_get_threads (const MdkEvaluator *ev)
{
  return ev->n_threads;
}

void
mdk_evaluator_run (MdkEvaluator       *ev,
                   const MdkOptimizer *opt,
                   const MdkTask      *task,
                   gconstpointer      *genomes,
                   guint               n_genomes,
                   guint64             seed,
                   guint64             generation,
                   MdkEvalResult      *results)
{
  mdk_evaluator_run_range (ev, opt, task, genomes, n_genomes, 0, seed, generation, results);
}

/* Items 0 … @n - 1 of the batch set up, on the threads. */
static void
run_batch (MdkEvaluator *ev,
           guint         n)
{
  ev->n_genomes = n;
  for (guint t = 0; t < ev->n_threads; t++)
    ev->workers[t].decoded = FALSE;

  if (ev->pool == NULL || n < 2)
    {
      evaluate_range (&ev->workers[0], 0, n);
      return;
    }

  /* Small chunks balance uneven genomes; several per thread is enough. */
  ev->chunk = MAX (1, n / (ev->n_threads * 8));
  g_atomic_int_set (&ev->next, 0);
  ev->pending = ev->n_threads;
  for (guint t = 0; t < ev->n_threads; t++)
    g_thread_pool_push (ev->pool, &ev->workers[t], NULL);

  g_mutex_lock (&ev->lock);
  while (ev->pending > 0)
    g_cond_wait (&ev->done, &ev->lock);
  g_mutex_unlock (&ev->lock);
}

/* Genomes @first … @first + n_genomes - 1 of a generation's batch (for
 * their random streams), e.g. the chunk an MPI worker was handed. */
void
mdk_evaluator_run_range (MdkEvaluator       *ev,
                         const MdkOptimizer *opt,
                         const MdkTask      *task,
                         gconstpointer      *genomes,
                         guint               n_genomes,
                         guint               first,
                         guint64             seed,
                         guint64             generation,
                         MdkEvalResult      *results)
{
  ev->opt = opt;
  ev->task = task;
  ev->genomes = genomes;
  ev->first = first;
  ev->seed = seed;
  ev->generation = generation;
  ev->results = results;
  ev->tested = NULL;
  run_batch (ev, n_genomes);
}

/* Parts @first … @first + n_parts - 1 of the task's solution test of
 * @genome's network (MdkTaskClass.test_part) into parts[0 … n_parts - 1],
 * on the threads, each with its own copy of the network. */
void
mdk_evaluator_run_test_parts (MdkEvaluator       *ev,
                              const MdkOptimizer *opt,
                              const MdkTask      *task,
                              gconstpointer       genome,
                              guint               first,
                              guint               n_parts,
                              double             *parts)
{
  g_return_if_fail (task->klass->test_part != NULL);

  ev->opt = opt;
  ev->task = task;
  ev->tested = genome;
  ev->first = first;
  ev->parts = parts;
  run_batch (ev, n_parts);
  ev->tested = NULL;
}

guint64
mdk_evaluator_get_connections (const MdkEvaluator *ev)
{
  guint64 total = 0;

  for (guint t = 0; t < ev->n_threads; t++)
    total += mdk_network_get_connection_evaluations (ev->workers[t].net);
  return total;
}
