#!/bin/bash
# Remakes the example projects of the studio's Examples menu in
# data/examples/ with medaka-cli, so that they follow the project format:
# run it after a format change and commit the files.  Each run is seeded,
# so the runs are the same every time (only the "saved" time and the
# seconds columns differ).  --steps stops after some generations without
# saving a generation limit: the examples open paused, free to go on.
#
#   bash tools/make-examples.sh [MEDAKA-CLI]   (default: build/app/medaka-cli)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cli=$(realpath "${1:-$root/build/app/medaka-cli}")
[ -x "$cli" ] || { echo "build medaka-cli first (ninja -C build)"; exit 1; }

cd "$root/data/examples"
python3 "$root/tools/make-moons.py" > moons.csv

run() {  # file notes options…
  local file=$1 notes=$2; shift 2
  "$cli" run -q --overwrite --save "$file" --notes "$notes" "$@"
}

run xor.medaka \
  "The classic first test of NEAT (Stanley & Miikkulainen, 2002): no network without a hidden node computes the exclusive-or of its two inputs. Twelve generations are done; press Run to watch evolution find one, usually within about 30." \
  -t xor -s 3 --steps 12

run spirals.medaka \
  "Two interleaved spirals, hard for small networks. The inputs include sin x and sin y, which make it tractable. 100 generations are done; press Run to go on and watch the decision boundary wind." \
  -t classify -P dataset=spirals -P feature_sin_x=true -P feature_sin_y=true -s 1 -g 1000 --steps 100

# The CSV file is named without a folder: the studio ships it beside the
# project and points the opened copy at its own copy of it.
run moons.medaka \
  "Two interleaving half-moons from a CSV file (moons.csv, made by tools/make-moons.py), with two columns of pure noise that the networks must learn to ignore. 30 generations are done." \
  -t csv -P path=moons.csv -P label_column=class -s 1 -g 500 --steps 30

run cppn.medaka \
  "A gallery of pictures drawn by compositional pattern-producing networks with sine hidden nodes that may change their activation. It opens in interactive evolution: choose the pictures you like and breed the next generation from them (Ctrl+B)." \
  -t cppn -P color=rgb -p population_size=24 -p hidden_activation=sine -p activation_mutate_rate=0.3 -s 7 --steps 15

# Without velocities the network must infer them: a recurrent controller,
# with the settings the task suggests.  Seed 14 solves at generation 18.
run double-pole-nv.medaka \
  "Balancing two poles on a cart without seeing any velocity (Stanley & Miikkulainen, 2002): the network must estimate them from positions, which takes recurrent connections. Ten generations are done; press Run and watch the episode and the grid of the 625-start generalisation test once a network balances both poles." \
  -t double-pole-nv -s 14 --steps 10

# Fitness-based NEAT with the task's suggested settings on the deceptive
# hard map: the champion is caught in the dead end about 39 from the goal.
run maze-hard.medaka \
  "The hard maze of Lehman & Stanley (2011, \"Abandoning Objectives\"): the fitness, minus the robot's distance to the goal at the end, leads robots into a dead end about 39 units from the goal, and fitness-based NEAT rarely gets out within the paper's 250,000 evaluations. This run searches for novelty instead (where the robots end, against the k = 15 nearest of the generation and the archive) and usually reaches the goal within about 75 generations. The blue line is the champion's path; the orange dots are where the last generation's robots ended, the purple squares the novelty archive. 30 generations are done." \
  -t maze -P map=hard -O objective=novelty -s 1 --steps 30

# The backprop NEAT demo's layout (Ha 2016): 200 evenly spaced training
# points, 400 test points, with the settings of "medaka-cli bench backprop".
run spirals-backprop.medaka \
  "Backprop-NEAT, as in the backprop NEAT demo (Ha, 2016): NEAT searches the networks' shapes while 100 gradient steps a generation train each network's weights on the 200 training points; the fitness is minus the training loss, made a little worse by the number of connections. The 400 test points (ringed in dark) are never trained on, and the test accuracy shows how well the boundary generalises: in this run it first reaches 95 % after about 85 generations (over ten seeds the median is 50), which plain NEAT does not reach at all. 20 generations are done." \
  -t classify -P dataset=spirals -P points=600 -P train_fraction=0.3333333333 -P spacing=even \
  -P feature_x2=true -P feature_y2=true -p population_size=50 -p add_node_rate=0.1 \
  -p add_connection_rate=0.3 -p hidden_activation=tanh -p backprop_steps=100 -p backprop_batch_size=0 \
  -p backprop_learning_rate=0.03 -s 1 -g 1000 --steps 20

ls -l "$root/data/examples"
