#!/usr/bin/env bash
# Crée le cluster « aks-été » (東京 region)
RG=rg-réseau
az aks create -g "$RG" \
	--name aks-été --service-cidr 10.0.0.0/16 \
	--node-count 3
az aks nodepool add -g "$RG" --cluster-name aks-été --name 東京pool --max-pods 250
