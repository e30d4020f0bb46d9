#!/bin/bash

az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \
    --nodepool-name system \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --generate-ssh-keys

az aks nodepool add \
    --resource-group myResourceGroup \
    --cluster-name myAKSCluster \
    --name user12345678 \
    --node-count 2

az aks nodepool add \
    --resource-group myResourceGroup \
    --cluster-name myAKSCluster \
    --os-type Windows \
    --name npwin \
    --max-pods 110 \
    --node-count 1
