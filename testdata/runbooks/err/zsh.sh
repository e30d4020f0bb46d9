#!/usr/bin/env zsh
# zsh syntax parses in zsh's dialect; arrays count from 1 and $ARGS is every element.
typeset -a ARGS
ARGS=(--network-plugin azure --max-pods 300)
POOLS=(system user)
print -r -- ${(U)POOLS[1]}

az aks create --resource-group rg --name aks-zsh $ARGS --nodepool-name ${POOLS[1]}
