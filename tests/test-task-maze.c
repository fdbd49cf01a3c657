/* Maze navigation: the built-in maps, the map format and its line-numbered
 * errors (a corpus in tests/data/mazes), rangefinders, radar and collisions
 * on poses worked out by hand, the robot's motion, straight-driving
 * networks through the task (path, fitness, solved, behaviour), the trace,
 * and NEAT runs that report the generation's behaviours. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include <math.h>

#include "mdk-maze.h"
#include "mdk-neat.h"
#include "mdk-run.h"
#include "mdk-task.h"
#include "mdk-test-genome.h"
#include "mdk-test-task.h"

/* Walls of the box of tests/data/mazes/box.txt: 300 wide, 100 high. */
static const char box_walls[] =
  "wall 0 0 300 0\n"
  "wall 300 0 300 100\n"
  "wall 300 100 0 100\n"
  "wall 0 100 0 0\n";

static MdkMaze *
box_new (double start_x,
         double start_y,
         double heading,
         double goal_x,
         double goal_y)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("start %g %g %g\ngoal %g %g\n%s", start_x, start_y, heading,
                                           goal_x, goal_y, box_walls);
  MdkMaze *maze = mdk_maze_new_from_text (text, strlen (text), &error);

  g_assert_no_error (error);
  return maze;
}

static char *
map_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "mazes", name, NULL);
}

/* A network that ignores its ten inputs: its outputs are @turn and @speed
 * (identity nodes with those biases). */
static MdkNetwork *
constant_net_new (double turn,
                  double speed)
{
  MdkNetwork *net = mdk_network_new ();

  mdk_network_begin (net, MDK_MAZE_N_INPUTS, 2, MDK_MAZE_N_INPUTS + 3);
  mdk_network_set_node (net, MDK_MAZE_N_INPUTS + 1, MDK_ACTIVATION_IDENTITY, turn);
  mdk_network_set_node (net, MDK_MAZE_N_INPUTS + 2, MDK_ACTIVATION_IDENTITY, speed);
  mdk_network_compile (net);
  return net;
}

/* ---------------------------------------------------------------------------
 * Maps
 */

static void
test_builtin_maps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkMaze) medium = mdk_maze_load ("medium", &error);
  g_autoptr(MdkMaze) hard = NULL;

  g_assert_no_error (error);
  /* The authors' medium_maze.txt: 11 walls, start (30, 22) facing +x, the
   * goal at (270, 100). */
  g_assert_cmpuint (medium->n_walls, ==, 11);
  g_assert_cmpfloat (medium->start_x, ==, 30);
  g_assert_cmpfloat (medium->start_y, ==, 22);
  g_assert_cmpfloat (medium->start_heading, ==, 0);
  g_assert_cmpfloat (medium->goal_x, ==, 270);
  g_assert_cmpfloat (medium->goal_y, ==, 100);
  g_assert_cmpfloat (medium->walls[4].x1, ==, 241);
  g_assert_cmpfloat (medium->walls[10].y2, ==, 88);
  g_assert_cmpfloat (medium->x0, ==, 6);
  g_assert_cmpfloat (medium->x1, ==, 293);
  g_assert_cmpfloat (medium->y0, ==, 5);
  g_assert_cmpfloat (medium->y1, ==, 134);

  /* hard_maze.txt: 13 walls, start (36, 184), goal (31, 20). */
  hard = mdk_maze_load ("hard", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hard->n_walls, ==, 13);
  g_assert_cmpfloat (hard->start_x, ==, 36);
  g_assert_cmpfloat (hard->start_y, ==, 184);
  g_assert_cmpfloat (hard->goal_x, ==, 31);
  g_assert_cmpfloat (hard->goal_y, ==, 20);
  g_assert_cmpfloat (hard->x0, ==, 3);
  g_assert_cmpfloat (hard->x1, ==, 195);
  g_assert_cmpfloat (hard->y0, ==, 5);
  g_assert_cmpfloat (hard->y1, ==, 202);
}

/* The shipped files are the maps compiled into the program. */
static void
test_data_files (void)
{
  for (guint i = 0; mdk_maze_builtin_names[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (mdk_maze_builtin_names[i], ".txt", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "mazes", name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(MdkMaze) file = mdk_maze_load (path, &error);
      g_autoptr(MdkMaze) builtin = NULL;

      g_assert_no_error (error);
      builtin = mdk_maze_load (mdk_maze_builtin_names[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (file->n_walls, ==, builtin->n_walls);
      g_assert_cmpmem (file->walls, file->n_walls * sizeof (MdkMazeWall),
                       builtin->walls, builtin->n_walls * sizeof (MdkMazeWall));
      g_assert_cmpfloat (file->goal_x, ==, builtin->goal_x);
      g_assert_cmpfloat (file->start_heading, ==, builtin->start_heading);
    }
}

static void
test_user_map (void)
{
  g_autofree char *box = map_path ("box.txt");
  g_autofree char *crlf = map_path ("crlf.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkMaze) a = mdk_maze_load (box, &error);
  g_autoptr(MdkMaze) b = NULL;

  g_assert_no_error (error);
  /* Windows line ends, comments and blank lines read the same. */
  b = mdk_maze_load (crlf, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->n_walls, ==, 4);
  g_assert_cmpmem (a->walls, 4 * sizeof (MdkMazeWall), b->walls, 4 * sizeof (MdkMazeWall));
  g_assert_cmpfloat (b->start_x, ==, 50);
  g_assert_cmpfloat (b->goal_x, ==, 150);
  g_assert_cmpfloat (a->x1, ==, 300);
  g_assert_cmpfloat (a->y1, ==, 100);

  /* A heading is kept in [0, 360). */
  {
    const char text[] = "start 50 50 -90\ngoal 1 1\nwall 0 0 300 0\nwall 0 0 0 100\n";
    g_autoptr(MdkMaze) m = mdk_maze_new_from_text (text, sizeof text - 1, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (m->start_heading, ==, 270);
  }
}

/* Each bad file of the corpus, and the line its error must name. */
static void
test_bad_maps (void)
{
  static const struct
  {
    const char *file;
    const char *message;
  } cases[] = {
    { "bad-keyword.txt", "bad-keyword.txt: Line 3: unknown keyword “wal”" },
    { "bad-count.txt", "Line 4: “wall” takes 4 numbers, not 3" },
    { "bad-number.txt", "Line 2: expected a number but found “15O”" },
    { "bad-range.txt", "Line 5: 1e9 is out of range" },
    { "bad-nan.txt", "Line 1: nan is out of range" },
    { "bad-crlf.txt", "Line 3: “wall” takes 4 numbers, not 5" },
    { "two-starts.txt", "Line 6: a second “start” line (the first is line 2)" },
    { "zero-wall.txt", "Line 4: the wall has zero length" },
    { "no-start.txt", "The map has no start" },
    { "no-goal.txt", "The map has no goal" },
    { "no-walls.txt", "The map has no walls" },
    { "start-in-wall.txt", "Line 2: the start is closer to the wall of line 5 than the robot's radius (8)" },
    { "flat.txt", "one straight line" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = map_path (cases[i].file);
      g_autoptr(GError) error = NULL;
      g_autoptr(MdkMaze) maze = mdk_maze_load (path, &error);

      g_assert_null (maze);
      g_assert_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA);
      /* The file's name first, then what and where. */
      g_assert_true (g_str_has_prefix (error->message, path));
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("%s: “%s” is not in “%s”", cases[i].file, cases[i].message, error->message);
    }

  /* Through the task too: mdk_task_new () refuses the map. */
  {
    g_autofree char *path = map_path ("bad-count.txt");
    gpointer params = mdk_task_params_new (&mdk_task_maze_class);
    g_autoptr(GError) error = NULL;
    g_autoptr(MdkTask) task = NULL;

    mdk_param_set_string (mdk_param_table_lookup (mdk_task_maze_class.params, mdk_task_maze_class.n_params,
                                                  "map"), params, path);
    task = mdk_task_new (&mdk_task_maze_class, params, &error);
    mdk_task_params_free (&mdk_task_maze_class, params);
    g_assert_null (task);
    g_assert_nonnull (strstr (error->message, "Line 4"));
  }
}

static void
test_unreadable_maps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkMaze) maze = mdk_maze_load ("/nonexistent/maze.txt", &error);

  g_assert_null (maze);
  g_assert_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA);
  g_assert_nonnull (strstr (error->message, "/nonexistent/maze.txt"));
  g_clear_error (&error);

  maze = mdk_maze_load ("", &error);
  g_assert_null (maze);
  g_assert_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_PARAMS);
  g_clear_error (&error);

  /* A NUL byte: not a text file, and the line says where. */
  {
    const char text[] = "start 50 50 0\ngoal 1 1\nwall 0\0 0 300 0\n";

    maze = mdk_maze_new_from_text (text, sizeof text - 1, &error);
    g_assert_null (maze);
    g_assert_nonnull (strstr (error->message, "Line 3: unexpected NUL byte"));
    g_clear_error (&error);
  }
  /* A long bad token is cut in the message. */
  {
    g_autofree char *token = g_strnfill (200, 'x');
    g_autofree char *text = g_strdup_printf ("start 50 50 0\ngoal %s 1\n", token);

    maze = mdk_maze_new_from_text (text, strlen (text), &error);
    g_assert_null (maze);
    g_assert_nonnull (strstr (error->message, "Line 2: expected a number"));
    g_assert_cmpuint (strlen (error->message), <, 120);
  }
}

/* ---------------------------------------------------------------------------
 * Sensors and collisions
 */

/* From (50, 40) facing +x in the 300 × 100 box: ahead the far wall lies
 * 250 away, beyond the range (reading 1); 45° right meets y = 100 after
 * 60·√2; 45° left meets y = 0 after 40·√2; left 40 (y = 0), right 60
 * (y = 100), behind 50 (x = 0). */
static void
test_rangefinders (void)
{
  g_autoptr(MdkMaze) box = box_new (50, 40, 0, 90, 40);
  MdkMazeRobot robot;
  double in[MDK_MAZE_N_INPUTS];

  mdk_maze_robot_init (box, &robot);
  mdk_maze_sense (box, &robot, in);
  g_assert_cmpfloat_with_epsilon (in[0], 0.4, 1e-12);                 /* left */
  g_assert_cmpfloat_with_epsilon (in[1], 40 * G_SQRT2 / 100, 1e-12);  /* front-left */
  g_assert_cmpfloat_with_epsilon (in[2], 1.0, 1e-12);                 /* front */
  g_assert_cmpfloat_with_epsilon (in[3], 60 * G_SQRT2 / 100, 1e-12);  /* front-right */
  g_assert_cmpfloat_with_epsilon (in[4], 0.6, 1e-12);                 /* right */
  g_assert_cmpfloat_with_epsilon (in[5], 0.5, 1e-12);                 /* back */

  /* Facing +y: ahead is y = 100 (60), the left looks along +x (250: out of
   * range), the right along −x (50), behind is y = 0 (40). */
  robot.heading = 90;
  mdk_maze_sense (box, &robot, in);
  g_assert_cmpfloat_with_epsilon (in[0], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (in[2], 0.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (in[4], 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (in[5], 0.4, 1e-12);

  /* Straight along a wall (parallel) and from outside the walls' ends. */
  g_assert_cmpfloat (mdk_maze_rangefinder (box, 50, 0, 0), ==, MDK_MAZE_RANGEFINDER_RANGE);
  g_assert_cmpfloat_with_epsilon (mdk_maze_rangefinder (box, 350, 50, 180), 50, 1e-12);
  g_assert_cmpfloat (mdk_maze_rangefinder (box, 350, 150, 180), ==, MDK_MAZE_RANGEFINDER_RANGE);
}

static void
test_radar (void)
{
  static const struct
  {
    double goal_x, goal_y, heading;
    guint  slice;
  } cases[] = {
    { 90, 40, 0, 0 },     /* ahead */
    { 50, 90, 0, 1 },     /* +90°: right */
    { 10, 40, 0, 2 },     /* behind */
    { 50, 5, 0, 3 },      /* −90°: left */
    { 90, 30, 0, 0 },     /* −14°: still ahead */
    { 90, 90, 0, 1 },     /* +51°: right */
    { 90, 40, 90, 3 },    /* facing +y, +x is on the left */
    { 90, 40, 270, 1 },   /* facing −y, +x is on the right */
    { 50, 90, 180, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MdkMaze) box = box_new (50, 40, cases[i].heading, cases[i].goal_x, cases[i].goal_y);
      MdkMazeRobot robot;
      double in[MDK_MAZE_N_INPUTS];

      mdk_maze_robot_init (box, &robot);
      g_assert_cmpuint (mdk_maze_radar_slice (box, &robot), ==, cases[i].slice);
      mdk_maze_sense (box, &robot, in);
      for (guint s = 0; s < MDK_MAZE_N_RADARS; s++)
        g_assert_cmpfloat (in[MDK_MAZE_N_RANGEFINDERS + s], ==, s == cases[i].slice ? 1.0 : 0.0);
    }
}

/* The robot touches a wall closer than its radius, 8: along a wall and
 * beyond its end, where the end point is the nearest. */
static void
test_collisions (void)
{
  const char text[] = "start 50 50 0\ngoal 10 10\nwall 100 100 120 100\nwall 0 0 0 200\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkMaze) maze = mdk_maze_new_from_text (text, sizeof text - 1, &error);

  g_assert_no_error (error);
  g_assert_true (mdk_maze_collides (maze, 110, 107.9));
  g_assert_false (mdk_maze_collides (maze, 110, 108.1));
  g_assert_true (mdk_maze_collides (maze, 110, 92.1));
  /* Beyond the end (120, 100): √(5² + 6²) = 7.8 touches, √(5² + 7²) = 8.6 not. */
  g_assert_true (mdk_maze_collides (maze, 125, 106));
  g_assert_false (mdk_maze_collides (maze, 125, 107));
  g_assert_true (mdk_maze_collides (maze, 7.9, 50));
  g_assert_false (mdk_maze_collides (maze, 8.1, 50));
}

/* Full speed ahead from (250, 50) facing +x: the speed grows by 0.5 a step
 * up to 3, so x = 250.5, 251.5, 253, 255, 257.5, 260.5, then +3 a step up
 * to 290.5; the next move would end 6.5 from the wall at x = 300, so the
 * robot stays there, keeping its speed, however long it pushes.  Turning
 * outputs accelerate the heading the same way. */
static void
test_motion (void)
{
  g_autoptr(MdkMaze) box = box_new (250, 50, 0, 10, 10);
  static const double expected[] = { 250.5, 251.5, 253, 255, 257.5, 260.5, 263.5 };
  MdkMazeRobot robot;

  mdk_maze_robot_init (box, &robot);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      mdk_maze_robot_step (box, &robot, 0.5, 1.0);
      g_assert_cmpfloat_with_epsilon (robot.x, expected[i], 1e-12);
      g_assert_cmpfloat (robot.y, ==, 50);
    }
  g_assert_cmpfloat (robot.speed, ==, MDK_MAZE_MAX_SPEED);
  for (guint i = 0; i < 100; i++)
    mdk_maze_robot_step (box, &robot, 0.5, 1.0);
  g_assert_cmpfloat_with_epsilon (robot.x, 290.5, 1e-12);
  g_assert_cmpfloat (robot.speed, ==, MDK_MAZE_MAX_SPEED);
  g_assert_false (robot.reached);

  /* Backwards: the speed falls by 0.5 a step to −3, away from the wall. */
  for (guint i = 0; i < 12; i++)
    mdk_maze_robot_step (box, &robot, 0.5, 0.0);
  g_assert_cmpfloat (robot.speed, ==, -MDK_MAZE_MAX_SPEED);
  g_assert_cmpfloat (robot.x, <, 290.5);

  /* Turning: the angular velocity grows by 0.5°/step to 3, the heading
   * moves by it after the step's move and wraps at 360. */
  mdk_maze_robot_init (box, &robot);
  mdk_maze_robot_step (box, &robot, 1.0, 0.5);
  g_assert_cmpfloat (robot.heading, ==, 0.5);
  mdk_maze_robot_step (box, &robot, 1.0, 0.5);
  g_assert_cmpfloat (robot.heading, ==, 1.5);
  for (guint i = 0; i < 10; i++)
    mdk_maze_robot_step (box, &robot, 1.0, 0.5);
  g_assert_cmpfloat (robot.angular_velocity, ==, MDK_MAZE_MAX_SPEED);
  mdk_maze_robot_init (box, &robot);
  for (guint i = 0; i < 3; i++)
    mdk_maze_robot_step (box, &robot, 0.0, 0.5);
  g_assert_cmpfloat (robot.heading, ==, 360 - 0.5 - 1.0 - 1.5);
}

/* ---------------------------------------------------------------------------
 * The task
 */

/* Straight ahead on the medium map from (30, 22): the wall from (114, 7)
 * to (73, 42) comes within 8 of (x, 22) once (3375 − 35x)/√2906 < 8, i.e.
 * x > 84.107, so after 250.5 … 40.5 and +3 a step the robot stops at 82.5.
 * Fitness: minus √(187.5² + 78²); behaviour: (82.5 − 6)/287, (22 − 5)/129. */
static void
test_straight_medium (void)
{
  g_autoptr(MdkTask) task = mdk_test_task_new (&mdk_task_maze_class, NULL);
  g_autoptr(MdkNetwork) net = constant_net_new (0.5, 1.0);
  g_autoptr(MdkTrace) trace = NULL;
  MdkEvalResult result;
  double distance = sqrt (187.5 * 187.5 + 78 * 78);

  g_assert_cmpuint (task->n_inputs, ==, MDK_MAZE_N_INPUTS);
  g_assert_cmpuint (task->n_outputs, ==, 2);
  g_assert_cmpuint (task->n_behaviour, ==, 2);
  mdk_task_evaluate (task, net, NULL, &result);
  g_assert_cmpfloat_with_epsilon (result.fitness, -distance, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.train_metric, distance, 1e-9);
  g_assert_false (result.solved);
  g_assert_cmpfloat_with_epsilon (result.behaviour[0], 76.5 / 287, 1e-12);
  g_assert_cmpfloat_with_epsilon (result.behaviour[1], 17.0 / 129, 1e-12);

  /* The trace: the start, then 400 poses ending at (82.5, 22). */
  trace = mdk_task_trace (task, net);
  g_assert_cmpint (trace->kind, ==, MDK_TRACE_MAZE);
  g_assert_cmpuint (trace->n_cols, ==, 3);
  g_assert_cmpuint (trace->n_rows, ==, 401);
  g_assert_cmpuint (trace->max_steps, ==, 400);
  g_assert_cmpfloat (trace->values[0], ==, 30);
  g_assert_cmpfloat (trace->values[1], ==, 22);
  g_assert_cmpfloat (trace->values[3], ==, 30.5);
  g_assert_cmpfloat (trace->values[6], ==, 31.5);
  g_assert_cmpfloat_with_epsilon (trace->values[3 * 20], 82.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (trace->values[3 * 400], 82.5, 1e-12);
  g_assert_cmpfloat (trace->values[3 * 400 + 1], ==, 22);
  g_assert_cmpuint (trace->n_points, ==, 11);
  g_assert_cmpfloat (trace->points[0], ==, 293);
  g_assert_cmpfloat (trace->values2[3], ==, 270);
  g_assert_cmpfloat (trace->values2[5], ==, MDK_MAZE_GOAL_RADIUS);
  g_assert_cmpfloat (trace->x0, ==, 6);
  g_assert_cmpfloat (trace->y1, ==, 134);

  /* The paper's form of the fitness, bound minus distance. */
  {
    g_autoptr(MdkTask) bounded = mdk_test_task_new (&mdk_task_maze_class, "fitness_bound", "300", NULL);

    mdk_task_evaluate (bounded, net, NULL, &result);
    g_assert_cmpfloat_with_epsilon (result.fitness, 300 - distance, 1e-9);
  }
  /* Fewer steps: from 40.5 after six steps, the robot has gone 3 × 4 more. */
  {
    g_autoptr(MdkTask) short_task = mdk_test_task_new (&mdk_task_maze_class, "steps", "10", NULL);

    mdk_task_evaluate (short_task, net, NULL, &result);
    g_assert_cmpfloat_with_epsilon (result.behaviour[0], (52.5 - 6) / 287, 1e-12);
  }
}

/* In the box the goal lies 100 ahead: 60.5 after six steps, then +3 a
 * step; at 147.5 (step 35) the robot is 2.5 from the goal, within 5: it
 * stops there and solves the task. */
static void
test_reaching_the_goal (void)
{
  g_autofree char *box = map_path ("box.txt");
  g_autoptr(MdkTask) task = mdk_test_task_new (&mdk_task_maze_class, "map", box, NULL);
  g_autoptr(MdkNetwork) net = constant_net_new (0.5, 1.0);
  g_autoptr(MdkTrace) trace = NULL;
  MdkEvalResult result;

  mdk_task_evaluate (task, net, NULL, &result);
  g_assert_true (result.solved);
  g_assert_cmpfloat_with_epsilon (result.fitness, -2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (result.behaviour[0], 147.5 / 300, 1e-12);
  g_assert_cmpfloat_with_epsilon (result.behaviour[1], 0.5, 1e-12);

  trace = mdk_task_trace (task, net);
  g_assert_cmpuint (trace->n_rows, ==, 36);
  g_assert_cmpfloat_with_epsilon (trace->values[3 * 35], 147.5, 1e-12);

  /* Standing still: minus the full 100, not solved. */
  {
    g_autoptr(MdkNetwork) idle = constant_net_new (0.5, 0.5);

    mdk_task_evaluate (task, idle, NULL, &result);
    g_assert_false (result.solved);
    g_assert_cmpfloat_with_epsilon (result.fitness, -100, 1e-12);
    g_assert_cmpfloat_with_epsilon (result.behaviour[0], 50.0 / 300, 1e-12);
  }
}

/* A network that steers by its sensors at full speed: it turns right while
 * the wall ahead is nearer than half the rangefinder's range, else left.  It
 * runs the same every time, the trace ends where evaluate () says, and the
 * robot never enters a wall. */
static void
test_sensing_network (void)
{
  g_autoptr(MdkTask) task = mdk_test_task_new (&mdk_task_maze_class, "map", "hard", NULL);
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autoptr(MdkTrace) trace = NULL;
  MdkEvalResult a, b;
  const double *last;

  mdk_network_begin (net, MDK_MAZE_N_INPUTS, 2, MDK_MAZE_N_INPUTS + 3);
  mdk_network_set_node (net, MDK_MAZE_N_INPUTS + 1, MDK_ACTIVATION_NEAT_SIGMOID, 2.5);
  mdk_network_set_node (net, MDK_MAZE_N_INPUTS + 2, MDK_ACTIVATION_NEAT_SIGMOID, 0.4);
  mdk_network_add_connection (net, 2, MDK_MAZE_N_INPUTS + 1, -5.0);
  mdk_network_compile (net);

  mdk_task_evaluate (task, net, NULL, &a);
  mdk_task_evaluate (task, net, NULL, &b);
  g_assert_cmpfloat (a.fitness, ==, b.fitness);
  g_assert_cmpmem (a.behaviour, sizeof a.behaviour, b.behaviour, sizeof b.behaviour);
  trace = mdk_task_trace (task, net);
  last = &trace->values[3 * (trace->n_rows - 1)];
  g_assert_cmpfloat (a.behaviour[0], ==, (last[0] - 3) / (195 - 3));
  g_assert_cmpfloat (a.behaviour[1], ==, (last[1] - 5) / (202 - 5));
  /* It moved, and never through a wall. */
  g_assert_cmpfloat (hypot (last[0] - 36, last[1] - 184), >, 10);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MdkMaze) hard = mdk_maze_load ("hard", &error);

    for (guint i = 0; i < trace->n_rows; i++)
      g_assert_false (mdk_maze_collides (hard, trace->values[3 * i], trace->values[3 * i + 1]));
  }
}

/* A champion NEAT evolved on the medium map (seed 2 with the task's
 * suggested settings, kept in tests/data/genomes): it reaches the goal, as
 * it did when it was evolved, and its path stays clear of the walls. */
static void
test_evolved_champion (void)
{
  g_autoptr(MdkTask) task = mdk_test_task_new (&mdk_task_maze_class, NULL);
  g_autoptr(MdkNetwork) net = mdk_test_genome_net_new ("maze-medium.json");
  g_autoptr(MdkTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkMaze) medium = mdk_maze_load ("medium", &error);
  MdkEvalResult result;

  mdk_task_evaluate (task, net, NULL, &result);
  g_assert_true (result.solved);
  g_assert_cmpfloat_with_epsilon (result.fitness, -3.7075459386756879, 1e-9);
  trace = mdk_task_trace (task, net);
  g_assert_cmpuint (trace->n_rows, <, 401);
  for (guint i = 0; i < trace->n_rows; i++)
    g_assert_false (mdk_maze_collides (medium, trace->values[3 * i], trace->values[3 * i + 1]));
}

/* A NEAT run on the maze: every generation's results carry behaviours in
 * [0, 1], the last one's through mdk_run_get_last_results (). */
static void
test_run_behaviours (void)
{
  g_autoptr(MdkExperiment) experiment = mdk_experiment_new (&mdk_task_maze_class, &mdk_neat_class);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkRun) run = NULL;
  const MdkEvalResult *results;
  guint n, distinct = 0;

  experiment->seed = 3;
  experiment->threads = 2;
  experiment->stop.max_generations = 3;
  run = mdk_run_new (experiment, &error);
  g_assert_no_error (error);
  results = mdk_run_get_last_results (run, &n);
  g_assert_null (results);
  g_assert_cmpuint (n, ==, 0);
  while (mdk_run_step (run) == NULL)
    ;
  results = mdk_run_get_last_results (run, &n);
  g_assert_nonnull (results);
  g_assert_cmpuint (n, ==, ((const MdkNeatParams *) experiment->optimizer_params)->population_size);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (results[i].behaviour[0], >=, 0);
      g_assert_cmpfloat (results[i].behaviour[0], <=, 1);
      g_assert_cmpfloat (results[i].behaviour[1], >=, 0);
      g_assert_cmpfloat (results[i].behaviour[1], <=, 1);
      g_assert_cmpfloat (results[i].fitness, <, 0);
      if (i > 0 && results[i].behaviour[0] != results[0].behaviour[0])
        distinct++;
    }
  g_assert_cmpuint (distinct, >, n / 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/task/maze/maps/builtin", test_builtin_maps);
  g_test_add_func ("/core/task/maze/maps/data-files", test_data_files);
  g_test_add_func ("/core/task/maze/maps/user", test_user_map);
  g_test_add_func ("/core/task/maze/maps/bad", test_bad_maps);
  g_test_add_func ("/core/task/maze/maps/unreadable", test_unreadable_maps);
  g_test_add_func ("/core/task/maze/sensors/rangefinders", test_rangefinders);
  g_test_add_func ("/core/task/maze/sensors/radar", test_radar);
  g_test_add_func ("/core/task/maze/collisions", test_collisions);
  g_test_add_func ("/core/task/maze/motion", test_motion);
  g_test_add_func ("/core/task/maze/straight-medium", test_straight_medium);
  g_test_add_func ("/core/task/maze/reaching-the-goal", test_reaching_the_goal);
  g_test_add_func ("/core/task/maze/sensing-network", test_sensing_network);
  g_test_add_func ("/core/task/maze/evolved-champion", test_evolved_champion);
  g_test_add_func ("/core/task/maze/run-behaviours", test_run_behaviours);

  return g_test_run ();
}
