#!/usr/bin/env bash
az aks create -g rg -n "aks-broken \
  --network-plugin azure
